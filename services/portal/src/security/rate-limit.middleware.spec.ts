import { HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PortalConfig } from '@handover/config';
import { MemoryWindowCounter } from '@handover/persistence';
import { RateLimitMiddleware } from './rate-limit.middleware';

describe('RateLimitMiddleware', () => {
  const middleware = new RateLimitMiddleware({ PORTAL_RATE_LIMIT_PER_MINUTE: 2 } as PortalConfig, new MemoryWindowCounter());
  const request = (ip: string) => ({ ip, socket: {} }) as unknown as Request;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;

  it('passes the limit per IP through, then answers 429 with Retry-After', async () => {
    const next = jest.fn();
    await middleware.use(request('192.0.2.1'), response, next);
    await middleware.use(request('192.0.2.1'), response, next);
    await middleware.use(request('192.0.2.2'), response, next);
    expect(next).toHaveBeenCalledTimes(3);

    const thrown: unknown = await middleware.use(request('192.0.2.1'), response, next).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(HttpException);
    expect((thrown as HttpException).getStatus()).toBe(429);
    expect((thrown as HttpException).getResponse()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    expect(next).toHaveBeenCalledTimes(3);
  });
});
