import { HttpException, HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { PORTAL_CONFIG } from '../common/tokens';
import { clientIp } from './client-info';
import { FixedWindowRateLimiter } from './rate-limiter';

/** Per-IP limit on the customer link routes (/c, /api/c): over it, 429 with Retry-After. */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly limiter: FixedWindowRateLimiter;

  constructor(@Inject(PORTAL_CONFIG) config: PortalConfig) {
    this.limiter = new FixedWindowRateLimiter(config.PORTAL_RATE_LIMIT_PER_MINUTE, 60_000);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const decision = this.limiter.hit(clientIp(request));
    if (decision.allowed) {
      next();
      return;
    }
    response.setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new HttpException({ statusCode: 429, code: 'RATE_LIMITED', message: 'too many requests, try again later' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
