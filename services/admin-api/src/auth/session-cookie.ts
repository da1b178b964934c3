import type { Request } from 'express';
import { cookieValue } from '../codec/codec-credentials';
import { SESSION_MAX_AGE_MS } from './session-store';

/** The console's session cookie: a random id only (HttpOnly, SameSite=Strict, Path=/). */
export const SESSION_COOKIE = 'handover_session';
/** The header that carries the session's CSRF token on state-changing cookie requests. */
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function sessionIdOf(request: Pick<Request, 'headers'>): string | undefined {
  const value = cookieValue(request.headers.cookie, SESSION_COOKIE);
  return value && SESSION_ID.test(value) ? value : undefined;
}

export function sessionCookie(request: Pick<Request, 'secure'>, id: string): string {
  return [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${SESSION_MAX_AGE_MS / 1000}`, ...(request.secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(request: Pick<Request, 'secure'>): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(request.secure ? ['Secure'] : [])].join('; ');
}

/** GET, HEAD and OPTIONS change nothing; every other method needs the CSRF header with a cookie. */
export const isStateChanging = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
