/** A counter's answer for one hit. */
export interface WindowDecision {
  allowed: boolean;
  /** Slots taken in the window after this hit (at most the limit). */
  taken: number;
  /** Seconds until the window ends (for Retry-After); at least 1. */
  retryAfterSeconds: number;
}

/**
 * Fixed windows of `windowMs` aligned on the clock (`floor(now / windowMs)`), per key: what the
 * portal's request limits and the admin API's authentication-failure limit count with. The
 * database implementation (WindowSlotRepository) is shared by every process and exact under
 * concurrency; MemoryWindowCounter is one process's (specs, tools).
 */
export interface WindowCounter {
  /** Takes one of the `limit` slots of `key`'s current window; refused (nothing taken) when all are taken. */
  take(key: string, limit: number, windowMs: number, now?: number): Promise<WindowDecision>;
  /** The slots of `key`'s current window taken so far. */
  taken(key: string, windowMs: number, now?: number): Promise<number>;
  /** Whether all `limit` slots of `key`'s current window are taken (one lookup: slot `limit` exists). */
  reached(key: string, limit: number, windowMs: number, now?: number): Promise<boolean>;
  /** Records `member` under `key`'s current window; true only the first time (distinct counting). */
  markOnce(key: string, member: string, windowMs: number, now?: number): Promise<boolean>;
  /** Whether `member` is marked under `key`'s window at `now`. */
  isMarked(key: string, member: string, windowMs: number, now?: number): Promise<boolean>;
}

/** The window `now` falls in: its start, its end, and the key naming it. */
export function windowOf(key: string, windowMs: number, now: number): { id: string; start: number; end: number; retryAfterSeconds: number } {
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new Error('the window must be a positive number of milliseconds');
  const start = Math.floor(now / windowMs) * windowMs;
  const end = start + windowMs;
  return { id: `${key}@${start}`, start, end, retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)) };
}

export function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('a limit must be a positive integer');
}

/**
 * One process's windows, in memory (specs and single-process tools; never for replicas). Ended
 * windows are dropped when the table grows past `sweepAbove` keys.
 */
export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, { end: number; taken: number; members: Set<string> }>();

  constructor(private readonly sweepAbove = 10_000) {}

  get size(): number {
    return this.windows.size;
  }

  take(key: string, limit: number, windowMs: number, now: number = Date.now()): Promise<WindowDecision> {
    assertLimit(limit);
    const { window, retryAfterSeconds } = this.current(key, windowMs, now);
    const allowed = window.taken < limit;
    if (allowed) window.taken += 1;
    return Promise.resolve({ allowed, taken: window.taken, retryAfterSeconds });
  }

  taken(key: string, windowMs: number, now: number = Date.now()): Promise<number> {
    return Promise.resolve(this.windows.get(windowOf(key, windowMs, now).id)?.taken ?? 0);
  }

  async reached(key: string, limit: number, windowMs: number, now: number = Date.now()): Promise<boolean> {
    assertLimit(limit);
    return (await this.taken(key, windowMs, now)) >= limit;
  }

  markOnce(key: string, member: string, windowMs: number, now: number = Date.now()): Promise<boolean> {
    const { window } = this.current(key, windowMs, now);
    if (window.members.has(member)) return Promise.resolve(false);
    window.members.add(member);
    return Promise.resolve(true);
  }

  isMarked(key: string, member: string, windowMs: number, now: number = Date.now()): Promise<boolean> {
    return Promise.resolve(this.windows.get(windowOf(key, windowMs, now).id)?.members.has(member) ?? false);
  }

  private current(key: string, windowMs: number, now: number) {
    const { id, end, retryAfterSeconds } = windowOf(key, windowMs, now);
    let window = this.windows.get(id);
    if (!window) {
      if (this.windows.size >= this.sweepAbove) this.sweep(now);
      window = { end, taken: 0, members: new Set() };
      this.windows.set(id, window);
    }
    return { window, retryAfterSeconds };
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (window.end <= now) this.windows.delete(id);
  }
}
