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
 * 429 for a client address over its limit of failed authentications, before the body is read; and
 * every 401 answered to an address counts against it. Register after the middleware that turns the
 * codec cookie into an Authorization header, so cookie guesses count too.
 */
export function authRateLimit(limiter: AuthFailureLimiter, logger: Pick<Logger, 'warn'>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (PUBLIC_PATHS.test(request.path)) {
      next();
      return;
    }
    const ip = clientIp(request);
    const decision = limiter.check(ip);
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
      if (response.statusCode !== 401) return;
      // Read at the end: the codec sign-in form's token becomes the Authorization header only after its body is parsed.
      if (limiter.recordFailure(ip, credentialFingerprint(request.headers.authorization))) {
        // The address is personal data: the log says that a block began, not for whom.
        logger.warn({ requestId: requestIdOf(request), limit: limiter.limit }, 'authentication failures over the limit: address blocked for the rest of the minute');
      }
    });
    next();
  };
}
