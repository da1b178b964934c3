export interface AuthFailureDecision {
  blocked: boolean;
  /** Seconds until the client's window ends (for Retry-After). */
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  credentials: Set<string>;
}

/**
 * Counts failed authentications per client IP in fixed one-minute windows (in memory, one process).
 * A failure is counted once per distinct credential: guessing tokens adds one per guess, while a
 * script retrying the same stale key (or no key) counts once and cannot lock out everyone behind
 * the same address. Once `limit` distinct credentials have failed, the address is blocked until
 * its window ends.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly sweepAbove = 10_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('the authentication failure limit must be a positive integer');
  }

  get size(): number {
    return this.windows.size;
  }

  check(ip: string, now: number = Date.now()): AuthFailureDecision {
    const window = this.current(ip, now);
    const blocked = !!window && window.credentials.size >= this.limit;
    return { blocked, retryAfterSeconds: window ? this.retryAfter(window, now) : 0 };
  }

  /** Records a failure; true when this failure is the one that reaches the limit. */
  recordFailure(ip: string, credential: string, now: number = Date.now()): boolean {
    let window = this.current(ip, now);
    if (!window) {
      if (this.windows.size >= this.sweepAbove) this.sweep(now);
      window = { start: now, credentials: new Set() };
      this.windows.set(ip, window);
    }
    if (window.credentials.size >= this.limit || window.credentials.has(credential)) return false;
    window.credentials.add(credential);
    return window.credentials.size === this.limit;
  }

  private current(ip: string, now: number): Window | undefined {
    const window = this.windows.get(ip);
    if (window && now - window.start >= this.windowMs) {
      this.windows.delete(ip);
      return undefined;
    }
    return window;
  }

  private retryAfter(window: Window, now: number): number {
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [ip, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(ip);
    }
  }
}
