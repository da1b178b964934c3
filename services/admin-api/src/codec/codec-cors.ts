import type { NextFunction, Request, Response } from 'express';

/** The remote codec protocol's endpoints: the only cross-origin routes of the admin API. */
export const CODEC_ENDPOINT = /^\/codec\/(encode|decode)$/;

/**
 * CORS for the Temporal UI: its origin(s) may call /codec/encode and /codec/decode with credentials
 * (the Authorization header or the codec cookie). Preflights are answered here, before
 * authentication (browsers send them without credentials); a preflight from any other origin is
 * refused with 403.
 */
export function codecCors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!CODEC_ENDPOINT.test(request.path)) {
      next();
      return;
    }
    const origin = request.headers.origin;
    const permitted = typeof origin === 'string' && allowed.has(origin);
    response.vary('Origin');
    if (permitted) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
    }
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    if (!permitted) {
      response.status(403).json({ statusCode: 403, code: 'CORS_ORIGIN_NOT_ALLOWED', message: 'this origin may not call the codec (see TEMPORAL_UI_ORIGIN)' });
      return;
    }
    response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    response.setHeader('Access-Control-Max-Age', '600');
    if (request.headers['access-control-request-private-network'] === 'true') response.setHeader('Access-Control-Allow-Private-Network', 'true');
    response.status(204).end();
  };
}
