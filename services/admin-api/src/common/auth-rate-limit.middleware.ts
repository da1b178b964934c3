import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@handover/logging';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { requestIdOf } from './request-id';

/** Routes without authentication: never blocked, never counted. */
const PUBLIC_PATHS = /^\/(health|docs|docs-json|console)(\/|$)/;

/** A short digest of the presented credential (or of its absence): what "distinct" means. */
export function credentialFingerprint(authorization: string | string[] | undefined): string {
  const value = Array.isArray(authorization) ? authorization.join(',') : (authorization ?? '');
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * 429 for a client address over its limit of failed authentications, before the body is read,
 * unless the presented credential authenticated recently (AuthFailureLimiter); every 401 answered
 * to an address counts against it, and every authenticated request marks its credential as good.
 * Register after the middleware that turns the codec cookie into an Authorization header, so cookie
 * guesses count too.
 */
export function authRateLimit(limiter: AuthFailureLimiter, logger: Pick<Logger, 'warn'>) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    if (PUBLIC_PATHS.test(request.path)) {
      next();
      return;
    }
    const ip = clientIp(request);
    const presented = request.headers.authorization === undefined ? null : credentialFingerprint(request.headers.authorization);
    const decision = await limiter.check(ip, presented);
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

/** After the answer: a 401 counts against the address; an authenticated bearer credential becomes trusted. */
async function settle(request: Request, response: Response, limiter: AuthFailureLimiter, logger: Pick<Logger, 'warn'>, ip: string): Promise<void> {
  // Read at the end: the codec sign-in form's token becomes the Authorization header only after its body is parsed.
  const authorization = request.headers.authorization;
  if (response.statusCode === 401) {
    if (await limiter.recordFailure(ip, credentialFingerprint(authorization))) {
      // The address is personal data: the log says that a block began, not for whom.
      logger.warn({ requestId: requestIdOf(request), limit: limiter.limit }, 'authentication failures over the limit: address blocked for the rest of the minute');
    }
    return;
  }
  if (authorization !== undefined && (request as Request & { principal?: unknown }).principal !== undefined) {
    await limiter.recordSuccess(credentialFingerprint(authorization));
  }
}
