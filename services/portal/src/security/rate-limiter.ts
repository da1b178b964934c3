export interface RateDecision {
  allowed: boolean;
  /** Seconds until the client's window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * In-memory fixed-window limiter per key (the client IP): `limit` hits per `windowMs`. One process
 * only (several portal processes each count their own). Expired windows are swept when the table
 * grows, so memory follows the number of clients seen in one window.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly sweepAbove = 10_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('rate limit must be a positive integer');
  }

  get size(): number {
    return this.windows.size;
  }

  hit(key: string, now: number = Date.now()): RateDecision {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.windows.size >= this.sweepAbove) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return { allowed: window.count <= this.limit, retryAfterSeconds };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
