import { randomBytes } from 'node:crypto';
import type { CaseStatisticsRepository } from './case-statistics.repository';

export interface CaseStatsProjectorOptions {
  /** Pause between folds when nothing was pending. Default 500 ms (answers show within ~1 s). */
  intervalMs?: number;
  /** Facts folded per round. Default 2,000. */
  batch?: number;
  /**
   * Pause after a round that folded some facts but fewer than a batch. Default 200 ms. (Without it a
   * mailing, whose marks add a fact every few milliseconds, kept the projector folding one or two
   * facts per round without a pause: several database commands each, hundreds of rounds a second.)
   */
  busyIntervalMs?: number;
  /** Lease window: one projector process folds per window. Default 10 s. */
  leaseMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The one writer of the case-status documents: folds pending facts every `intervalMs` while it
 * holds the lease. Runs in every worker process; the lease (an insert per time window) lets one of
 * them fold at a time, so a second worker is a standby, not a second writer.
 */
export class CaseStatsProjector {
  private readonly holder = `projector-${process.pid}-${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** The lease window last tried, and whether this projector won it (one insert per window). */
  private lease: { window: number; held: boolean } = { window: -1, held: false };

  constructor(
    private readonly stats: CaseStatisticsRepository,
    private readonly options: CaseStatsProjectorOptions = {},
  ) {}

  /** Backfills cases without figures, then folds until stop(). */
  start(): void {
    this.stopped = false;
    this.running = this.stats
      .backfill()
      .catch((error: unknown) => this.options.onError?.(error))
      .then(() => this.schedule(0));
  }

  /** Folds everything pending now (tests and shutdown); returns the number of facts folded. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const folded = await this.stats.foldPending(this.options.batch ?? 2000);
      total += folded;
      if (folded === 0) return total;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error: unknown) => {
          this.options.onError?.(error);
          return 0;
        })
        .then((folded) => this.schedule(this.pauseAfter(folded)));
    }, delayMs);
    this.timer.unref();
  }

  /** At once while a full batch was folded (a backlog), briefly after a partial one, else the idle interval. */
  private pauseAfter(folded: number): number {
    if (folded >= (this.options.batch ?? 2000)) return 0;
    return folded > 0 ? (this.options.busyIntervalMs ?? 200) : (this.options.intervalMs ?? 500);
  }

  private async round(): Promise<number> {
    const leaseMs = this.options.leaseMs ?? 10_000;
    const now = new Date();
    const window = Math.floor(now.getTime() / leaseMs);
    if (window !== this.lease.window) this.lease = { window, held: await this.stats.holdLease(this.holder, leaseMs, now) };
    if (!this.lease.held) return 0;
    return this.stats.foldPending(this.options.batch ?? 2000);
  }
}
