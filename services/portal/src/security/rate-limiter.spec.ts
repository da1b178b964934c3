import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` hits per window and refuses the next with the seconds left', () => {
    const limiter = new FixedWindowRateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map((i) => limiter.hit('198.51.100.1', t0 + i - 1).allowed)).toEqual([true, true, true]);
    expect(limiter.hit('198.51.100.1', t0 + 15_000)).toEqual({ allowed: false, retryAfterSeconds: 45 });
  });

  it('counts each client apart', () => {
    const limiter = new FixedWindowRateLimiter(1);
    expect(limiter.hit('a', 0).allowed).toBe(true);
    expect(limiter.hit('b', 0).allowed).toBe(true);
    expect(limiter.hit('a', 1).allowed).toBe(false);
  });

  it('opens a new window once the old one has run out', () => {
    const limiter = new FixedWindowRateLimiter(1, 1000);
    expect(limiter.hit('a', 0).allowed).toBe(true);
    expect(limiter.hit('a', 999).allowed).toBe(false);
    expect(limiter.hit('a', 1000).allowed).toBe(true);
  });

  it('sweeps expired windows when the table grows', () => {
    const limiter = new FixedWindowRateLimiter(5, 1000, 100);
    for (let i = 0; i < 100; i += 1) limiter.hit(`old-${i}`, 0);
    expect(limiter.size).toBe(100);
    limiter.hit('new', 5000);
    expect(limiter.size).toBe(1);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => new FixedWindowRateLimiter(0)).toThrow('positive integer');
  });
});
