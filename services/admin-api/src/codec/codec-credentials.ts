import type { NextFunction, Request, Response } from 'express';
import { isSignInForm } from '../common/auth-rate-limit.middleware';

/** The cookie that carries a codec user's token (HttpOnly, SameSite=Strict, Path=/codec). */
export const CODEC_COOKIE = 'handover_codec';
export const CODEC_COOKIE_MAX_AGE_SECONDS = 8 * 60 * 60;
/** Tokens that fit a cookie value unquoted (RFC 6265 cookie-octets); ours are base64url. */
const TOKEN = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]{16,512}$/;

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * The Temporal UI cannot add an Authorization header of ours (it passes only its own OIDC token):
 * on /codec routes without one, the token in the codec cookie is presented as the bearer token, so
 * the guard, the access matrix and the failure limit treat it like any other.
 */
export function codecCookieCredentials() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (request.path.startsWith('/codec/') && !request.headers.authorization) {
      const token = cookieValue(request.headers.cookie, CODEC_COOKIE);
      if (token && TOKEN.test(token)) request.headers.authorization = `Bearer ${token}`;
    }
    next();
  };
}

/**
 * The sign-in forms post their token in the body (the console's `{token}` to /auth/session, the
 * codec's `token=…` to /codec/session): presented as the bearer token, so the failure limit judges
 * it and the codec's guard checks it.
 */
export function signInFormCredentials() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (isSignInForm(request) && request.headers.authorization === undefined) {
      const token: unknown = (request.body as Record<string, unknown> | undefined)?.['token'];
      if (typeof token === 'string' && TOKEN.test(token.trim())) request.headers.authorization = `Bearer ${token.trim()}`;
    }
    next();
  };
}

export function isCookieSafeToken(token: string): boolean {
  return TOKEN.test(token);
}
