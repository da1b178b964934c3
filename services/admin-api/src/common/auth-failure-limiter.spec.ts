import { MemoryWindowCounter } from '@handover/persistence';
import { AuthFailureLimiter, TRUST_WINDOW_MS } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('blocks an address once `limit` distinct credentials failed, until its minute ends', async () => {
    const limiter = new AuthFailureLimiter(new MemoryWindowCounter(), 3, 60_000);
    expect(await limiter.recordFailure('10.0.0.1', 'a', T0)).toBe(false);
    expect(await limiter.recordFailure('10.0.0.1', 'a', T0 + 1_000)).toBe(false);
    expect(await limiter.recordFailure('10.0.0.1', 'b', T0 + 2_000)).toBe(false);
    expect(await limiter.check('10.0.0.1', 'z', T0 + 2_000)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    expect(await limiter.recordFailure('10.0.0.1', 'c', T0 + 3_000)).toBe(true);
    expect(await limiter.check('10.0.0.1', 'z', T0 + 3_000)).toEqual({ blocked: true, retryAfterSeconds: 57 });
    expect(await limiter.check('10.0.0.1', null, T0 + 3_000)).toEqual({ blocked: true, retryAfterSeconds: 57 });
    expect((await limiter.check('10.0.0.2', 'z', T0 + 3_000)).blocked).toBe(false);
    expect((await limiter.check('10.0.0.1', 'z', T0 + 59_999)).blocked).toBe(true);
    expect(await limiter.check('10.0.0.1', 'z', T0 + 60_000)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    expect(await limiter.recordFailure('10.0.0.1', 'a', T0 + 60_001)).toBe(false);
  });

  it('lets a credential that authenticated recently through a blocked address, and nothing else', async () => {
    const limiter = new AuthFailureLimiter(new MemoryWindowCounter(), 2, 60_000);
    await limiter.recordSuccess('good', T0 - TRUST_WINDOW_MS + 1_000);
    await limiter.recordFailure('10.0.0.1', 'g1', T0);
    await limiter.recordFailure('10.0.0.1', 'g2', T0);
    expect((await limiter.check('10.0.0.1', 'g3', T0)).blocked).toBe(true);
    // Trusted in the previous hour's window: still good now; forgotten a window later.
    expect((await limiter.check('10.0.0.1', 'good', T0)).blocked).toBe(false);
    await limiter.recordFailure('10.0.0.1', 'g1', T0 + TRUST_WINDOW_MS);
    await limiter.recordFailure('10.0.0.1', 'g2', T0 + TRUST_WINDOW_MS);
    expect((await limiter.check('10.0.0.1', 'good', T0 + TRUST_WINDOW_MS)).blocked).toBe(true);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new AuthFailureLimiter(new MemoryWindowCounter(), 0)).toThrow(/positive integer/);
  });
});
