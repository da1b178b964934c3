import type { Connection } from 'mongoose';
import { CollectionRepository } from '../collection-repository';
import { isDuplicateKey } from '../customers/bulk-write-errors';
import { windowSlotSchema, WINDOW_SLOT_COLLECTION, type WindowSlotDocument } from './window-slot.schema';
import { assertLimit, windowOf, type WindowCounter, type WindowDecision } from './window-counter';

/**
 * The limiter windows of every process, in the database, exact under concurrent replicas with
 * inserts only: a hit inserts the slot after the highest this process has seen taken in the window;
 * a duplicate key means another hit took that slot first, so it counts the window's slots and tries
 * the next free one, until it has one or the next would pass the limit (refused, nothing written;
 * once this process has seen the limit reached, refused without a query). Two processes can never hold the same slot, so
 * no more than `limit` hits are allowed per window, and none is refused while a slot is free.
 *
 * Ended windows are deleted by a sweep (`deleteMany expiresAt < now`) that each process runs at
 * most once per `sweepEveryMs`, started by a hit: FerretDB v1 has no TTL indexes (`expireAfterSeconds`,
 * FerretDB issue 2415, came with v2).
 */
export class WindowSlotRepository extends CollectionRepository<WindowSlotDocument> implements WindowCounter {
  private lastSweep = 0;
  private sweeping: Promise<void> | null = null;
  /** The highest slot this process saw taken per window: where its next hit starts (no count on the common path). */
  private readonly seen = new Map<string, { end: number; slot: number }>();

  constructor(
    connection: Connection,
    private readonly sweepEveryMs = 60_000,
  ) {
    super(connection, WINDOW_SLOT_COLLECTION, windowSlotSchema);
  }

  async take(key: string, limit: number, windowMs: number, now: number = Date.now()): Promise<WindowDecision> {
    assertLimit(limit);
    this.sweepIfDue(now);
    const window = windowOf(key, windowMs, now);
    const expiresAt = new Date(window.end);
    // Slots are only ever added within a window, so every slot up to the highest seen is taken.
    let next = (this.seen.get(window.id)?.slot ?? 0) + 1;
    while (next <= limit) {
      try {
        await this.raw.insertOne({ _id: `${window.id}#${next}`, w: window.id, expiresAt });
        this.remember(window.id, window.end, next);
        return { allowed: true, taken: next, retryAfterSeconds: window.retryAfterSeconds };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Taken by another hit or process: jump to what the window holds now, at least one further.
        next = Math.max(next + 1, (await this.count(window.id)) + 1);
        this.remember(window.id, window.end, next - 1);
      }
    }
    return { allowed: false, taken: limit, retryAfterSeconds: window.retryAfterSeconds };
  }

  async taken(key: string, windowMs: number, now: number = Date.now()): Promise<number> {
    return this.count(windowOf(key, windowMs, now).id);
  }

  async reached(key: string, limit: number, windowMs: number, now: number = Date.now()): Promise<boolean> {
    assertLimit(limit);
    return this.exists(`${windowOf(key, windowMs, now).id}#${limit}`);
  }

  async markOnce(key: string, member: string, windowMs: number, now: number = Date.now()): Promise<boolean> {
    this.sweepIfDue(now);
    const window = windowOf(key, windowMs, now);
    try {
      await this.raw.insertOne({ _id: `${window.id}!${member}`, w: `${window.id}!`, expiresAt: new Date(window.end) });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async isMarked(key: string, member: string, windowMs: number, now: number = Date.now()): Promise<boolean> {
    return this.exists(`${windowOf(key, windowMs, now).id}!${member}`);
  }

  /** Deletes the slots of ended windows; the number deleted. */
  async sweep(now: number = Date.now()): Promise<number> {
    for (const [id, seen] of this.seen) if (seen.end <= now) this.seen.delete(id);
    const result = await this.raw.deleteMany({ expiresAt: { $lte: new Date(now) } });
    return result.deletedCount;
  }

  /** Settles a sweep in flight (for shutdown and tests). */
  async idle(): Promise<void> {
    await this.sweeping;
  }

  private remember(windowId: string, end: number, slot: number): void {
    const seen = this.seen.get(windowId);
    if (!seen || seen.slot < slot) this.seen.set(windowId, { end, slot });
  }

  private async exists(id: string): Promise<boolean> {
    return (await this.raw.findOne({ _id: { $eq: id } }, { projection: { _id: 1 } })) !== null;
  }

  private count(windowId: string): Promise<number> {
    return this.raw.countDocuments({ w: { $eq: windowId } });
  }

  private sweepIfDue(now: number): void {
    if (this.sweeping || now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    // A failed sweep is retried at the next due hit; the windows it left stay correct (they have ended).
    this.sweeping = this.sweep(now)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.sweeping = null;
      });
  }
}
