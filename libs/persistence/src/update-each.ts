import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';

/** One document's update: what `updateOne` takes. */
export interface SingleUpdate<T extends Document> {
  filter: Filter<T>;
  update: UpdateFilter<T>;
}

export interface UpdateEachOptions {
  /** Commands in flight at once (default 4). Each targets its own document. */
  concurrency?: number;
  /** Called after each settled command with the number done so far (for heartbeats). */
  onProgress?: (done: number) => void;
}

/**
 * Applies per-document updates as one `updateOne` command each, a few in flight at a time —
 * never as one multi-statement `update` command (`bulkWrite`, `ordered` or not).
 *
 * Why: FerretDB v1 (PostgreSQL backend) takes a pooled PostgreSQL connection for every statement
 * of an `update` command and returns none before the command ends. A command of 50 or more
 * statements (fewer when other commands hold connections) exhausts the pool of 50 and waits for
 * itself forever; every later query on the server then waits too, until FerretDB is restarted.
 * Measured here: 40 statements in one command finish in ~1.8 s, 60 never do. One statement per
 * command holds one connection at a time. MongoDB accepts the same commands unchanged.
 *
 * The updates must target distinct documents (one writer per document: FerretDB v1 loses
 * concurrent updates to one document).
 */
export async function updateEach<T extends Document>(
  collection: Collection<T>,
  updates: readonly SingleUpdate<T>[],
  options: UpdateEachOptions = {},
): Promise<{ matched: number; modified: number }> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let next = 0;
  let done = 0;
  let matched = 0;
  let modified = 0;
  const lane = async (): Promise<void> => {
    while (next < updates.length) {
      const { filter, update } = updates[next++] as SingleUpdate<T>;
      const result = await collection.updateOne(filter, update);
      matched += result.matchedCount;
      modified += result.modifiedCount;
      done += 1;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, updates.length) }, lane));
  return { matched, modified };
}
