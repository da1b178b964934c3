import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@handover/logging';
import { SESSION_COOKIE, sessionIdOf } from '../auth/session-cookie';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { requestIdOf } from './request-id';

/** Routes without authentication: never blocked, never counted. */
const PUBLIC_PATHS = /^\/(health|docs|docs-json|console)(\/|$)/;

/** The sign-in forms (console, codec): their credential is a token in the body. */
export function isSignInForm(request: Pick<Request, 'method' | 'path'>): boolean {
  return request.method === 'POST' && (request.path === '/auth/session' || request.path === '/codec/session');
}

/** A short digest of the presented credential (or of its absence): what "distinct" means. */
export function credentialFingerprint(authorization: string | string[] | undefined): string {
  const value = Array.isArray(authorization) ? authorization.join(',') : (authorization ?? '');
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

/** A console session id's digest: a credential distinct from any Authorization header. */
const sessionFingerprint = (id: string): string => credentialFingerprint(`${SESSION_COOKIE} ${id}`);

/**
 * The credential a request presents, as the guard reads it: the Authorization header when there
 * is one, else the console's session cookie, else null (nothing presented).
 */
export function presentedCredential(request: Pick<Request, 'headers'>): string | null {
  if (request.headers.authorization !== undefined) return credentialFingerprint(request.headers.authorization);
  const session = sessionIdOf(request);
  return session === undefined ? null : sessionFingerprint(session);
}

/** The session id a sign-in answer (200, or the OpenID callback's redirect) sets in its cookie, if it set one. */
function signedInSession(response: Response): string | undefined {
  const header = response.getHeader('set-cookie');
  const cookies = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  for (const cookie of cookies) {
    const id = sessionIdOf({ headers: { cookie: cookie.split(';')[0] } });
    if (id) return id;
  }
  return undefined;
}

export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * 429 for a client address over its limit of failed authentications, before the body is read,
 * unless the presented credential authenticated recently (AuthFailureLimiter); every 401 answered
 * to an address counts against it, and every authenticated request marks its credential as good.
 * Register after the middleware that turns the codec cookie into an Authorization header, so cookie
 * guesses count too. The sign-in forms (POST /auth/session, /codec/session) carry their token in
 * the body: the `before-body` stage lets them through, and a second instance, stage
 * `sign-in-forms`, registered after the body parsers and signInFormCredentials, judges their token.
 */
export function authRateLimit(limiter: AuthFailureLimiter, logger: Pick<Logger, 'warn'>, stage: 'before-body' | 'sign-in-forms' = 'before-body') {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    // The sign-in forms are judged by the token they post, once their (small) body is read.
    if (PUBLIC_PATHS.test(request.path) || isSignInForm(request) !== (stage === 'sign-in-forms')) {
      next();
      return;
    }
    const ip = clientIp(request);
    const decision = await limiter.check(ip, presentedCredential(request));
    if (decision.blocked) {
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      response.status(429).json({
        statusCode: 429,
        code: 'TOO_MANY_AUTH_FAILURES',
        message: 'too many failed authentications from this address; retry later',
      });
      return;
    }
    response.on('finish', () => {
      void settle(request, response, limiter, logger, ip).catch((error: unknown) => {
        logger.warn({ requestId: requestIdOf(request), err: error instanceof Error ? error.name : 'unknown' }, 'authentication failure limiter: could not record the outcome');
      });
    });
    next();
  };
}

/**
 * After the answer: a 401 counts against the address; a credential that authenticated (a bearer
 * token or API key, a console session cookie, and the session a sign-in just opened) becomes
 * trusted, so a console signed in at an address that is later blocked keeps working.
 */
async function settle(request: Request, response: Response, limiter: AuthFailureLimiter, logger: Pick<Logger, 'warn'>, ip: string): Promise<void> {
  // Read at the end: the sign-in forms' token becomes the Authorization header only after the body is parsed.
  const credential = presentedCredential(request);
  if (response.statusCode === 401) {
    if (await limiter.recordFailure(ip, credential ?? credentialFingerprint(undefined))) {
      // The address is personal data: the log says that a block began, not for whom.
      logger.warn({ requestId: requestIdOf(request), limit: limiter.limit }, 'authentication failures over the limit: address blocked for the rest of the minute');
    }
    return;
  }
  if (credential !== null && (request as Request & { principal?: unknown }).principal !== undefined) await limiter.recordSuccess(credential);
  const session = response.statusCode < 400 ? signedInSession(response) : undefined;
  if (session !== undefined) await limiter.recordSuccess(sessionFingerprint(session));
}
