import type { Connection } from 'mongoose';
import { MasterKey } from '@handover/crypto';
import { createLogger } from '@handover/logging';
import {
  AuditRepository, caseBlindIndex, CaseKeyService, connectMongo, CustomerRepository, DeletionCertificateRepository, DispositionStore, holdKeyId,
  recordsDigest, toCustomerDocument, type CustomerImportRow,
} from '@handover/persistence';
import { mongoUriFor, TEST_MASTER_KEY } from '@handover/testing';
import { buildHoldExpirySweep } from '../../services/worker/src/activities.factory';

/**
 * The hold-expiry sweep against FerretDB: records sealed under legal holds at the deletion phase
 * are erased the first day after their hold ends, one certificate per case and end date; a case
 * left with no hold loses its hold key; a hold ending today is kept; a second sweep does nothing.
 */
describe('hold-expiry sweep against FerretDB', () => {
  const stamp = `${Date.now().toString(36)}${process.pid}`;
  const master = MasterKey.fromBase64(TEST_MASTER_KEY);
  const now = new Date();
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  let mongo: Connection;
  let keys: CaseKeyService;
  let store: DispositionStore;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor('handover_it_holds'));
    keys = new CaseKeyService(mongo, master);
    store = new DispositionStore(mongo);
    await new DeletionCertificateRepository(mongo).ensureIndexes();
  }, 60_000);

  afterAll(async () => {
    await mongo?.close();
  });

  /** Inserts customers and seals them as held, each with its hold's end date; returns their ids. */
  async function sealedCase(caseId: string, ends: string[]): Promise<string[]> {
    const cipher = await keys.ensure(caseId);
    await keys.ensure(holdKeyId(caseId));
    const rows = ends.map((until, i): CustomerImportRow => ({
      caseId, importId: 'imp_it', line: i + 2, type: 'individual',
      personal: { customerId: `H${i}`, name: `保全客户${i}`, email: `h${i}.${stamp}@example.cn`, products: [], extra: {} },
      classification: { sensitive: [], minor: false, reachable: true, productLines: [], tier: 'regular' },
      legalHold: { ruleId: 'cn-pipl.retention.accounting-archives', until },
    }));
    const docs = rows.map((row) => toCustomerDocument(row, { cipher, blindIndex: caseBlindIndex(master, caseId) }));
    await new CustomerRepository(mongo).insertMany(docs);
    await store.sealHolds(
      docs.map((doc, i) => ({ id: doc._id, personalEnc: doc.personalEnc, hold: { storageOnly: true, custodian: 'transferor', sealedAt: now, basis: 'cn-pipl.retention.accounting-archives', until: ends[i] } })),
      now,
    );
    return docs.map((doc) => doc._id);
  }

  const customers = () => mongo.collection<{ _id: string; disposition?: string; personalEnc?: string; hold?: { expiredAt?: Date } }>('customers');
  const certificatesOf = (caseId: string) => mongo.collection<{ _id: string; caseId: string; stage: string; count: number; recordsDigest: string }>('deletion_certificates').find({ caseId }).toArray();

  it('erases ended holds with a certificate per end date, keeps running ones, shreds a case\'s hold key when none is left, and runs again to no effect', async () => {
    const kept = `it_hold_kept_${stamp}`;
    const emptied = `it_hold_emptied_${stamp}`;
    const [a1, a2, a3, aToday, aFuture] = await sealedCase(kept, [day(-1), day(-1), day(-400), day(0), day(30)]);
    const [b1] = await sealedCase(emptied, [day(-2)]);

    const sweep = buildHoldExpirySweep({ connection: mongo, masterKey: TEST_MASTER_KEY, logger: createLogger('it', 'silent') });
    const first = await sweep(now);
    // Other tests' cases may share the database: count only ours through the records themselves.
    expect(first.erased).toBeGreaterThanOrEqual(4);

    const byId = new Map((await customers().find({ _id: { $in: [a1!, a2!, a3!, aToday!, aFuture!, b1!] } }).toArray()).map((doc) => [doc._id, doc]));
    for (const id of [a1!, a2!, a3!, b1!]) {
      expect(byId.get(id)).toMatchObject({ disposition: 'deleted', hold: { expiredAt: expect.any(Date) } });
      expect(byId.get(id)?.personalEnc).toBeUndefined();
    }
    // A hold runs through its last day; one ending next month is untouched.
    for (const id of [aToday!, aFuture!]) {
      expect(byId.get(id)?.disposition).toBe('held');
      expect(byId.get(id)?.personalEnc).toEqual(expect.any(String));
    }

    const keptCertificates = (await certificatesOf(kept)).filter((c) => c.stage === 'hold-expired').sort((x, y) => x._id.localeCompare(y._id));
    expect(keptCertificates.map((c) => c._id)).toEqual([`${kept}:hold-expired:${day(-400)}`, `${kept}:hold-expired:${day(-1)}`]);
    expect(keptCertificates.map((c) => c.count)).toEqual([1, 2]);
    expect(keptCertificates.map((c) => c.recordsDigest)).toEqual([recordsDigest([a3!]), recordsDigest([a1!, a2!])]);
    // Holds remain in the first case: its hold key stays; the second case's is shredded.
    expect(await keys.cipherFor(holdKeyId(kept))).not.toBeNull();
    expect(await keys.cipherFor(holdKeyId(emptied))).toBeNull();
    expect((await certificatesOf(kept)).some((c) => c.stage === 'hold-key')).toBe(false);
    expect((await certificatesOf(emptied)).map((c) => c.stage).sort()).toEqual(['hold-expired', 'hold-key']);

    const audit = new AuditRepository(mongo);
    const actions = async (caseId: string) => (await audit.list(caseId, { limit: 100 })).map((e) => e.action);
    expect(await actions(kept)).toEqual(['holds.expired', 'holds.expired']);
    expect(await actions(emptied)).toEqual(['holds.expired', 'holds.key-shredded']);

    // Again (another worker, or a rerun after a crash): nothing more of ours is erased or certified.
    await sweep(now);
    expect((await certificatesOf(kept)).length).toBe(2);
    expect((await certificatesOf(emptied)).length).toBe(2);
    expect(await actions(kept)).toHaveLength(2);
    expect(await store.heldCount(kept)).toBe(2);

    // The next day the hold that ended today goes too; next month's still stays.
    await sweep(new Date(now.getTime() + 86_400_000));
    expect(await store.heldCount(kept)).toBe(1);
    expect((await customers().findOne({ _id: aToday! }))?.disposition).toBe('deleted');
  }, 120_000);
});
