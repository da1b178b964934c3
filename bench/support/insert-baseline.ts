/**
 * The raw-driver baseline: the same file, the same documents the importer writes, inserted with
 * `collection.insertMany(batch, { ordered: false })` in batches into scratch collections of the
 * same server that carry the same secondary indexes as `customers` and `inventory_rejections`.
 * Only the insertMany calls are timed; documents are prepared one batch at a time (never all in
 * memory), before the batch is sent. A repeated customer_id fails its insert with a duplicate key,
 * as in the importer, and becomes a quarantine document.
 */
import { createReadStream } from 'node:fs';
import type { Collection, Db, Document } from 'mongodb';
import { parseInventory } from '@handover/ingest';
import { CUSTOMER_COLLECTION, REJECTION_COLLECTION, type CustomerDocument, type RejectionDocument } from '@handover/persistence';
import type { BaselinePreparer } from './baseline-documents';

export interface BaselineResult {
  /** Documents inserted: customers + quarantined rows (= rows of the file). */
  rows: number;
  customers: number;
  rejections: number;
  /** Customer documents refused as duplicate keys (then quarantined). */
  duplicates: number;
  batches: number;
  batchSize: number;
  /** Time inside insertMany only. */
  insertSeconds: number;
  /** CPU of this process inside insertMany (driver: BSON, socket); approximate (GC may run there). */
  driverCpuSeconds: number;
  rowsPerSecond: number;
  /** Parse + validate + encrypt, not timed into the baseline (for the analysis). */
  prepareSeconds: number;
  wallSeconds: number;
  collections: { customers: string; rejections: string };
}

const DUPLICATE_KEY = 11000;

async function scratchLike<T extends Document>(db: Db, source: string, name: string): Promise<Collection<T>> {
  await db.collection(name).drop().catch(() => undefined);
  const scratch = await db.createCollection<T>(name);
  const indexes = await db.collection(source).listIndexes().toArray().catch(() => [] as Document[]);
  for (const index of indexes) {
    if (index['name'] === '_id_') continue;
    await scratch.createIndex(index['key'] as Document, { name: index['name'] as string, ...(index['unique'] === true && { unique: true }) });
  }
  return scratch;
}

/** Positions of an unordered insert that failed with a duplicate key; throws anything else. */
function duplicatePositions(error: unknown): number[] {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) throw error;
  return list.map((e: { code?: number; index?: number }) => {
    if (e.code !== DUPLICATE_KEY || typeof e.index !== 'number') throw error;
    return e.index;
  });
}

export async function runInsertBaseline(options: {
  db: Db;
  csvPath: string;
  preparer: BaselinePreparer;
  batchSize?: number;
  keepCollections?: boolean;
  onProgress?: (rows: number, insertSeconds: number) => void;
}): Promise<BaselineResult> {
  const { db, preparer } = options;
  const batchSize = options.batchSize ?? 1000;
  const names = { customers: 'bench_baseline_customers', rejections: 'bench_baseline_rejections' };
  const customers = await scratchLike<CustomerDocument>(db, CUSTOMER_COLLECTION, names.customers);
  const rejections = await scratchLike<RejectionDocument>(db, REJECTION_COLLECTION, names.rejections);

  const result: BaselineResult = {
    rows: 0, customers: 0, rejections: 0, duplicates: 0, batches: 0, batchSize,
    insertSeconds: 0, driverCpuSeconds: 0, rowsPerSecond: 0, prepareSeconds: 0, wallSeconds: 0, collections: names,
  };
  let insertMs = 0;
  let driverCpuMicros = 0;
  const timed = async (insert: () => Promise<unknown>): Promise<unknown> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      await insert();
      return null;
    } catch (error) {
      return error;
    } finally {
      insertMs += performance.now() - started;
      const used = process.cpuUsage(cpu);
      driverCpuMicros += used.user + used.system;
      result.batches++;
    }
  };

  let customerBatch: Array<{ doc: CustomerDocument; line: number; record: Readonly<Record<string, string>> }> = [];
  let rejectionBatch: RejectionDocument[] = [];
  const flushRejections = async (): Promise<void> => {
    if (rejectionBatch.length === 0) return;
    const docs = rejectionBatch;
    rejectionBatch = [];
    const error = await timed(() => rejections.insertMany(docs, { ordered: false }));
    if (error) throw error;
    result.rejections += docs.length;
  };
  const flushCustomers = async (): Promise<void> => {
    if (customerBatch.length === 0) return;
    const batch = customerBatch;
    customerBatch = [];
    const error = await timed(() => customers.insertMany(batch.map((c) => c.doc), { ordered: false }));
    const duplicates = error ? duplicatePositions(error) : [];
    result.customers += batch.length - duplicates.length;
    result.duplicates += duplicates.length;
    for (const i of duplicates) {
      const row = batch[i];
      if (row) rejectionBatch.push(preparer.duplicate(row.line, row.record));
    }
    if (rejectionBatch.length >= batchSize) await flushRejections();
  };

  const started = performance.now();
  let lastReport = started;
  for await (const row of parseInventory(createReadStream(options.csvPath, { highWaterMark: 256 * 1024 }), 'csv')) {
    const prepared = preparer.prepare(row);
    if (prepared.kind === 'customer') {
      customerBatch.push(prepared);
      if (customerBatch.length >= batchSize) await flushCustomers();
    } else {
      rejectionBatch.push(prepared.doc);
      if (rejectionBatch.length >= batchSize) await flushRejections();
    }
    if (options.onProgress && performance.now() - lastReport >= 10_000) {
      lastReport = performance.now();
      options.onProgress(result.customers + result.rejections, insertMs / 1000);
    }
  }
  await flushCustomers();
  await flushRejections();

  result.wallSeconds = (performance.now() - started) / 1000;
  result.insertSeconds = insertMs / 1000;
  result.driverCpuSeconds = driverCpuMicros / 1e6;
  result.prepareSeconds = result.wallSeconds - result.insertSeconds;
  result.rows = result.customers + result.rejections;
  result.rowsPerSecond = result.insertSeconds > 0 ? result.rows / result.insertSeconds : 0;
  if (!options.keepCollections) {
    await customers.drop().catch(() => undefined);
    await rejections.drop().catch(() => undefined);
  }
  return result;
}
