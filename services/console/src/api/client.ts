import { createAdminApiClient, readApiError, type ApiErrorBody } from '@handover/api-client';

/**
 * The typed admin API client of the console: same origin, the session cookie sent by the browser
 * (never a token), and the session's CSRF token — held in this module's memory only, never in
 * browser storage — added to every state-changing request.
 */
export const api = createAdminApiClient({ baseUrl: window.location.origin });

let csrfToken: string | undefined;
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}
/** Called when the API answers 401 to a signed-in console (the session ended): back to sign-in. */
export function whenUnauthenticated(callback: () => void): void {
  onUnauthenticated = callback;
}

api.use({
  onRequest({ request }) {
    if (!['GET', 'HEAD'].includes(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/')) onUnauthenticated();
    return response;
  },
});

/** An API error answer, thrown by `unwrap` and shown by <ApiErrorAlert>. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

/** The data of an openapi-fetch answer, or an ApiError carrying the API's `{code, message, fields}`. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(readApiError(response.status, error));
  return data as T;
}
