import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi.generated';

/**
 * The typed client of the admin API: every path, parameter, body and response comes from
 * `openapi.generated.ts`, which `npm run openapi` writes from the committed docs/openapi.json. A
 * changed API therefore fails the type-check of every caller (the CLI, the console), not a user.
 */
export type AdminApiClient = Client<paths>;

export interface AdminApiClientOptions {
  /** e.g. `http://127.0.0.1:3000` (a trailing slash is dropped). */
  baseUrl: string;
  /** The admin token or an API key, sent as `Authorization: Bearer …`. */
  token?: string;
  /** A fetch implementation (tests); the global one otherwise. */
  fetch?: typeof fetch;
  /** Added to every request as User-Agent. */
  userAgent?: string;
}

export function createAdminApiClient(options: AdminApiClientOptions): AdminApiClient {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * Request options that send a stream as the body unchanged (the inventory upload, declared in the
 * document as a binary string). Node's fetch needs `duplex: 'half'` for a streamed body.
 */
export function uploadBody(stream: ReadableStream<Uint8Array>, contentType: string) {
  return {
    body: stream as unknown as string,
    bodySerializer: (body: unknown) => body as ReadableStream<Uint8Array>,
    headers: { 'content-type': contentType },
    duplex: 'half' as const,
  };
}
