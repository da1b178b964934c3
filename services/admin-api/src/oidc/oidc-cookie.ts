import type { Request } from 'express';
import { cookieValue } from '../codec/codec-credentials';
import { PENDING_LOGIN_MS } from './pending-logins';

/**
 * The cookie that ties a browser to its sign-in under way: a random id only, sent back to
 * /auth/callback alone. SameSite=Lax, as the provider sends the browser back from another site.
 */
export const PENDING_LOGIN_COOKIE = 'handover_oidc';
const CALLBACK_PATH = '/auth/callback';
const PENDING_ID = /^[A-Za-z0-9_-]{43}$/;

export function pendingLoginIdOf(request: Pick<Request, 'headers'>): string | undefined {
  const value = cookieValue(request.headers.cookie, PENDING_LOGIN_COOKIE);
  return value && PENDING_ID.test(value) ? value : undefined;
}

export function pendingLoginCookie(request: Pick<Request, 'secure'>, id: string): string {
  return [`${PENDING_LOGIN_COOKIE}=${id}`, `Path=${CALLBACK_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${PENDING_LOGIN_MS / 1000}`, ...(request.secure ? ['Secure'] : [])].join('; ');
}

export function clearedPendingLoginCookie(request: Pick<Request, 'secure'>): string {
  return [`${PENDING_LOGIN_COOKIE}=`, `Path=${CALLBACK_PATH}`, 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(request.secure ? ['Secure'] : [])].join('; ');
}
