import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  it('blocks an address once `limit` distinct credentials failed, until its minute ends', () => {
    const limiter = new AuthFailureLimiter(3, 60_000);
    expect(limiter.recordFailure('10.0.0.1', 'a', 0)).toBe(false);
    expect(limiter.recordFailure('10.0.0.1', 'a', 1_000)).toBe(false);
    expect(limiter.recordFailure('10.0.0.1', 'b', 2_000)).toBe(false);
    expect(limiter.check('10.0.0.1', 2_000)).toEqual({ blocked: false, retryAfterSeconds: 58 });
    expect(limiter.recordFailure('10.0.0.1', 'c', 3_000)).toBe(true);
    expect(limiter.check('10.0.0.1', 3_000)).toEqual({ blocked: true, retryAfterSeconds: 57 });
    expect(limiter.check('10.0.0.2', 3_000).blocked).toBe(false);
    expect(limiter.check('10.0.0.1', 59_999).blocked).toBe(true);
    expect(limiter.check('10.0.0.1', 60_000)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    expect(limiter.recordFailure('10.0.0.1', 'a', 60_001)).toBe(false);
  });

  it('forgets expired windows when the table grows', () => {
    const limiter = new AuthFailureLimiter(5, 1_000, 3);
    for (const ip of ['a', 'b', 'c']) limiter.recordFailure(ip, 'x', 0);
    expect(limiter.size).toBe(3);
    limiter.recordFailure('d', 'x', 2_000);
    expect(limiter.size).toBe(1);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new AuthFailureLimiter(0)).toThrow(/positive integer/);
  });
});
