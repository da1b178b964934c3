import type { WindowCounter } from '@handover/persistence';

export interface AuthFailureDecision {
  blocked: boolean;
  /** Seconds until the client's window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/** How long a credential that authenticated stays trusted at a blocked address: one to two hours. */
export const TRUST_WINDOW_MS = 60 * 60_000;

/**
 * Counts failed authentications per client IP in fixed clock minutes, in the shared store (every
 * admin API process counts the same failures, exactly: WindowSlotRepository). A failure is counted
 * once per distinct credential (by digest): guessing tokens adds one per guess, while a script
 * retrying the same stale key (or no key) counts once. Once `limit` distinct credentials have
 * failed, the address is blocked until its minute ends — for credentials not known to be good:
 * one that authenticated within the last hour or two (from any address) still passes, so a
 * blocked NAT or proxy address does not lock out the valid keys behind it, while guesses are
 * refused without being checked.
 */
export class AuthFailureLimiter {
  /** Trust marks this process has already written, for the current trust window only. */
  private trustedHere = { window: -1, digests: new Set<string>() };

  constructor(
    private readonly counter: WindowCounter,
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('the authentication failure limit must be a positive integer');
  }

  async check(ip: string, credential: string | null, now: number = Date.now()): Promise<AuthFailureDecision> {
    if (!(await this.counter.reached(this.ipKey(ip), this.limit, this.windowMs, now))) return { blocked: false, retryAfterSeconds: 0 };
    if (credential !== null && (await this.isTrusted(credential, now))) return { blocked: false, retryAfterSeconds: 0 };
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((Math.floor(now / this.windowMs) * this.windowMs + this.windowMs - now) / 1000)) };
  }

  /** Records a failure; true when this failure is the one that reaches the limit. */
  async recordFailure(ip: string, credential: string, now: number = Date.now()): Promise<boolean> {
    if (!(await this.counter.markOnce(this.ipKey(ip), credential, this.windowMs, now))) return false;
    const decision = await this.counter.take(this.ipKey(ip), this.limit, this.windowMs, now);
    return decision.allowed && decision.taken === this.limit;
  }

  /** Records that `credential` authenticated (once per trust window and process). */
  async recordSuccess(credential: string, now: number = Date.now()): Promise<void> {
    const window = Math.floor(now / TRUST_WINDOW_MS);
    if (this.trustedHere.window !== window) this.trustedHere = { window, digests: new Set() };
    if (this.trustedHere.digests.has(credential)) return;
    await this.counter.markOnce('auth-ok', credential, TRUST_WINDOW_MS, now);
    this.trustedHere.digests.add(credential);
  }

  private async isTrusted(credential: string, now: number): Promise<boolean> {
    return (await this.counter.isMarked('auth-ok', credential, TRUST_WINDOW_MS, now)) || this.counter.isMarked('auth-ok', credential, TRUST_WINDOW_MS, now - TRUST_WINDOW_MS);
  }

  private ipKey(ip: string): string {
    return `auth-ip:${ip}`;
  }
}
