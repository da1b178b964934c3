import { HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { RateLimitMiddleware } from './rate-limit.middleware';

describe('RateLimitMiddleware', () => {
  const middleware = new RateLimitMiddleware({ PORTAL_RATE_LIMIT_PER_MINUTE: 2 } as PortalConfig);
  const request = (ip: string) => ({ ip, socket: {} }) as unknown as Request;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;

  it('passes the limit per IP through, then answers 429 with Retry-After', () => {
    const next = jest.fn();
    middleware.use(request('192.0.2.1'), response, next);
    middleware.use(request('192.0.2.1'), response, next);
    middleware.use(request('192.0.2.2'), response, next);
    expect(next).toHaveBeenCalledTimes(3);

    let thrown: unknown;
    try {
      middleware.use(request('192.0.2.1'), response, next);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpException);
    expect((thrown as HttpException).getStatus()).toBe(429);
    expect((thrown as HttpException).getResponse()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    expect(next).toHaveBeenCalledTimes(3);
  });
});
