/**
 * Bounded-concurrency processing of keyset pages with in-order checkpoints.
 *
 * Items of consecutive pages flow through one pool of `concurrency` lanes (the pool never drains
 * at a page boundary, so a pooled SMTP transport stays busy), while `onPageDone` is called for each
 * page in page order, once all of its items and those of every earlier page have finished: the
 * checkpoint a retry may resume after. On the first failure no new item starts; items in flight
 * finish (so their ledger marks are written) and the failure is thrown.
 */

export interface PoolPage<T> {
  items: readonly T[];
  /** The keyset position after this page (its last `_id`). */
  lastId: string;
}

export interface OrderedPoolOptions<T, R> {
  pages: AsyncIterable<PoolPage<T>>;
  concurrency: number;
  work: (item: T) => Promise<R>;
  /** Every finished item, in completion order (progress, heartbeats). */
  onResult?: (result: R) => void;
  /** Each page in page order, when it and all earlier pages are complete, with its results. */
  onPageDone: (page: PoolPage<T>, results: readonly R[]) => void;
  /** Checked before each item starts: a value (the reason) stops the run with that failure. */
  stopReason?: () => unknown;
}

interface OpenPage<T, R> {
  page: PoolPage<T>;
  remaining: number;
  results: R[];
  /** An item of this page failed: neither it nor any later page is ever committed. */
  failed: boolean;
}

export async function runOrderedPool<T, R>(options: OrderedPoolOptions<T, R>): Promise<void> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const inFlight = new Set<Promise<void>>();
  const open: Array<OpenPage<T, R>> = [];
  let failure: { error: unknown } | undefined;

  const commit = (): void => {
    while (open[0] !== undefined && open[0].remaining === 0 && !open[0].failed) {
      const done = open.shift() as OpenPage<T, R>;
      options.onPageDone(done.page, done.results);
    }
  };

  const start = (tracker: OpenPage<T, R>, item: T): void => {
    const task: Promise<void> = options
      .work(item)
      .then(
        (result) => {
          tracker.results.push(result);
          options.onResult?.(result);
        },
        (error: unknown) => {
          tracker.failed = true;
          failure ??= { error };
        },
      )
      .finally(() => {
        tracker.remaining -= 1;
        inFlight.delete(task);
        try {
          commit();
        } catch (error) {
          failure ??= { error };
        }
      });
    inFlight.add(task);
  };

  const iterator = options.pages[Symbol.asyncIterator]();
  try {
    feed: for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const tracker: OpenPage<T, R> = { page: next.value, remaining: next.value.items.length, results: [], failed: false };
      open.push(tracker);
      for (const item of next.value.items) {
        while (inFlight.size >= concurrency && !failure) await Promise.race(inFlight);
        if (!failure) {
          const reason = options.stopReason?.();
          if (reason !== undefined) failure = { error: reason };
        }
        if (failure) {
          tracker.failed = true; // not every item of it was started
          break feed;
        }
        start(tracker, item);
      }
      commit();
    }
  } catch (error) {
    failure ??= { error };
  } finally {
    await Promise.all(inFlight);
    await iterator.return?.();
  }
  if (failure) throw failure.error;
}

/**
 * Pages from batches of documents in `_id` order (a cursor's batches), reading the next batch
 * while the current one is being processed, so the pool does not wait for the database at page
 * boundaries. Closing the pages (a failure) closes the batches' iterator (the cursor).
 */
export async function* prefetchedPages<T extends { _id: string }>(batches: AsyncIterable<T[]>): AsyncGenerator<PoolPage<T>> {
  const iterator = batches[Symbol.asyncIterator]();
  let pending = iterator.next();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = iterator.next();
      // Handled when awaited; this only keeps an abandoned read-ahead from being an unhandled rejection.
      pending.catch(() => undefined);
      const last = current.value[current.value.length - 1];
      if (last) yield { items: current.value, lastId: last._id };
    }
  } finally {
    await iterator.return?.();
  }
}
