import { FieldCipher, MasterKey } from '@handover/crypto';
import { CN_PIPL_PACK } from '@handover/domain';
import {
  rejectionId,
  caseBlindIndex,
  type CustomerDocument,
  type CustomerRepository,
  type ExistingCustomer,
  type RejectionEntity,
  type RejectionRepository,
} from '@handover/persistence';
import { BatchWriter } from './batch-writer';
import { RowPreparer } from './row-preparer';

/** In-memory stand-ins with the unique-_id behaviour of the real collections. */
function fakeStore(seed: CustomerDocument[] = []) {
  const docs = new Map(seed.map((d) => [d._id, d]));
  const rejections = new Map<string, RejectionEntity>();
  const calls = { insertMany: [] as number[], findExisting: 0 };
  const customers = {
    async insertMany(batch: readonly CustomerDocument[]) {
      calls.insertMany.push(batch.length);
      const duplicateIndexes: number[] = [];
      batch.forEach((d, i) => (docs.has(d._id) ? duplicateIndexes.push(i) : docs.set(d._id, d)));
      return { inserted: batch.length - duplicateIndexes.length, duplicateIndexes };
    },
    async findExisting(_caseId: string, ids: readonly string[]) {
      calls.findExisting += 1;
      const out = new Map<string, ExistingCustomer>();
      for (const id of ids) {
        const d = docs.get(id);
        if (d) out.set(id, { id, importId: d.importId, line: d.line, rowHash: d.rowHash });
      }
      return out;
    },
  } as unknown as CustomerRepository;
  const rejectionRepo = {
    async insertMany(list: readonly RejectionEntity[]) {
      for (const r of list) rejections.set(rejectionId(r.importId, r.line), r);
      return { inserted: list.length };
    },
    async deleteIds(caseId: string, ids: readonly string[]) {
      let removed = 0;
      for (const id of ids) if (rejections.get(id)?.caseId === caseId && rejections.delete(id)) removed += 1;
      return removed;
    },
  } as unknown as RejectionRepository;
  return { docs, rejections, calls, customers, rejectionRepo };
}

const master = MasterKey.fromBuffer(Buffer.alloc(32, 3));
const preparer = (importId: string) =>
  new RowPreparer({
    caseId: 'cs_1',
    importId,
    pack: CN_PIPL_PACK,
    at: new Date('2026-06-30T00:00:00Z'),
    retentionRules: [],
    cipher: FieldCipher.fromDataKey(Buffer.alloc(32, 4), 'k1'),
    blindIndex: caseBlindIndex(master, 'cs_1'),
    defaultOffsetMinutes: 480,
  });
const row = (line: number, customer_id: string, name = `n${line}`) => ({ line, record: { customer_id, name, email: `${customer_id.toLowerCase()}@example.com` } });

function writerFor(store: ReturnType<typeof fakeStore>, importId: string) {
  const p = preparer(importId);
  const writer = new BatchWriter({ customers: store.customers, rejections: store.rejectionRepo }, { caseId: 'cs_1', importId, preparer: p, now: () => new Date() });
  return { p, writer };
}

describe('BatchWriter', () => {
  it('replaces the quarantine entries that corrected rows name in rejection_id, never an entry of the import itself', async () => {
    const store = fakeStore();
    const first = writerFor(store, 'imp_a');
    await first.writer.write([row(2, 'A'), { line: 3, record: { customer_id: 'B', name: 'b', email: 'broken' } }, { line: 4, record: { customer_id: '', name: 'c' } }].map((r) => first.p.prepare(r)));
    expect([...store.rejections.keys()]).toEqual(['imp_a:0000000003', 'imp_a:0000000004']);

    // The export's rows come back: line 3 corrected, line 4 still wrong; the column is not an attribute.
    const fix = writerFor(store, 'imp_b');
    const corrected = fix.p.prepare({ line: 2, record: { rejection_id: 'imp_a:0000000003', rejection_line: '3', rejection_reason: 'invalid email', customer_id: 'B', name: 'b', email: 'b@example.com', tier: 'gold' } });
    expect(corrected).toMatchObject({ kind: 'customer', replaces: 'imp_a:0000000003' });
    // The export's own columns are not customer attributes; an extra column still is.
    expect(Object.keys((corrected as { record: object }).record).sort()).toEqual(['customer_id', 'email', 'name', 'tier']);
    const again = fix.p.prepare({ line: 3, record: { rejection_id: 'imp_a:0000000004', customer_id: '', name: 'c' } });
    const own = fix.p.prepare({ line: 4, record: { rejection_id: 'imp_b:0000000003', customer_id: '', name: 'd' } });
    const outcome = await fix.writer.write([corrected, again, own]);
    expect(outcome.counters).toEqual({ processed: 3, accepted: 1, rejected: 2, unchanged: 0 });
    expect([...store.rejections.keys()].sort()).toEqual(['imp_b:0000000003', 'imp_b:0000000004']);
  });

  it('quarantines a customer_id repeated in the batch or in an earlier batch without sending it to the database', async () => {
    const store = fakeStore();
    const { p, writer } = writerFor(store, 'imp_a');
    const first = await writer.write([row(2, 'A'), row(3, 'B'), row(4, 'A', 'other')].map((r) => p.prepare(r)));
    expect(first.counters).toEqual({ processed: 3, accepted: 2, rejected: 1, unchanged: 0 });
    const second = await writer.write([row(5, 'B'), row(6, 'C')].map((r) => p.prepare(r)));
    expect(second).toEqual({ counters: { processed: 2, accepted: 1, rejected: 1, unchanged: 0 }, lastLine: 6 });
    expect(store.calls).toEqual({ insertMany: [2, 1], findExisting: 0 });
    expect([...store.rejections.values()].map((r) => [r.line, r.field])).toEqual([
      [4, 'customer_id'],
      [5, 'customer_id'],
    ]);
  });

  it('resolves clashes with stored customers: a retry counts as accepted, an identical re-import as unchanged', async () => {
    const store = fakeStore();
    const earlier = writerFor(store, 'imp_a');
    await earlier.writer.write([row(2, 'A'), row(3, 'B')].map((r) => earlier.p.prepare(r)));

    // The same import retried after a crash: its rows are already there, on the same lines.
    const retry = writerFor(store, 'imp_a');
    expect((await retry.writer.write([row(2, 'A'), row(3, 'B')].map((r) => retry.p.prepare(r)))).counters).toEqual({
      processed: 2, accepted: 2, rejected: 0, unchanged: 0,
    });

    // Another import of the same rows: one changed, one repeated identically inside the batch (the
    // repeat gets the outcome the stored document gives, as it would after a resume).
    const again = writerFor(store, 'imp_b');
    const outcome = await again.writer.write([row(2, 'A'), row(3, 'B', 'changed'), row(4, 'A', 'n2')].map((r) => again.p.prepare(r)));
    expect(outcome.counters).toEqual({ processed: 3, accepted: 0, rejected: 1, unchanged: 2 });
    expect(store.docs.size).toBe(2);
    expect(store.calls.insertMany.at(-1)).toBe(2);
    expect([...store.rejections.values()].filter((r) => r.importId === 'imp_b').map((r) => r.line)).toEqual([3]);
  });
});
