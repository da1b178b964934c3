import { HttpException, HttpStatus, Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { WindowSlotRepository, type WindowCounter } from '@handover/persistence';
import { PORTAL_CONFIG } from '../common/tokens';
import { clientIp } from './client-info';

export const RATE_WINDOW_MS = 60_000;

/** The portal's 429: Retry-After set, the generic code and message (the page says "too many requests"). */
export function rateLimited(response: Response, retryAfterSeconds: number): HttpException {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException({ statusCode: 429, code: 'RATE_LIMITED', message: 'too many requests, try again later' }, HttpStatus.TOO_MANY_REQUESTS);
}

/**
 * Per-IP limit on the link routes (/c, /api/c, /t, /r…): over PORTAL_RATE_LIMIT_PER_MINUTE in a
 * clock minute, 429 with Retry-After. Counted in the shared store (WindowSlotRepository), so every
 * portal process counts the same hits. The per-link limit is the link guard's (signed-link.ts).
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
    @Inject(WindowSlotRepository) private readonly counter: WindowCounter,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const decision = await this.counter.take(`portal-ip:${clientIp(request)}`, this.config.PORTAL_RATE_LIMIT_PER_MINUTE, RATE_WINDOW_MS);
    if (!decision.allowed) throw rateLimited(response, decision.retryAfterSeconds);
    next();
  }
}
