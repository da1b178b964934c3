import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { FieldCipher, MasterKey } from '@handover/crypto';
import { mongoUriFor } from '@handover/testing';
import { connectMongo, syncIndexes } from '../mongo-connection';
import { InventoryImportRepository } from '../inventory-imports/inventory-import.repository';
import { PiiaRepository } from '../piia/piia-report.repository';
import { RejectionRepository } from '../rejections/rejection.repository';
import { caseBlindIndex } from './customer-crypto';
import type { CustomerImportRow, CustomerRouteFields } from './customer.entity';
import { toCustomerDocument } from './customer.mapper';
import { CustomerRepository } from './customer.repository';

/** The inventory repositories against the real MongoDB-compatible server. */
describe('inventory repositories on the real database', () => {
  let connection: Connection;
  let customers: CustomerRepository;
  let rejections: RejectionRepository;
  let imports: InventoryImportRepository;
  let piia: PiiaRepository;
  const master = MasterKey.fromBuffer(Buffer.alloc(32, 1));
  const cipher = FieldCipher.fromDataKey(Buffer.alloc(32, 2), 'k1');
  const caseIds: string[] = [];
  const newCase = (): string => {
    const id = `cs_repo_${randomBytes(5).toString('hex')}`;
    caseIds.push(id);
    return id;
  };

  const doc = (caseId: string, n: number, over: Partial<CustomerImportRow> = {}) =>
    toCustomerDocument(
      {
        caseId,
        importId: 'imp_1',
        line: n + 1,
        type: 'individual',
        personal: { customerId: `C${n}`, email: `c${n}@example.com`, products: [], extra: {} },
        classification: { sensitive: n % 2 === 0 ? ['id_number'] : [], minor: n % 3 === 0, reachable: true, productLines: [], tier: 'regular' },
        legalHold: null,
        ...over,
      },
      { cipher, blindIndex: caseBlindIndex(master, caseId) },
    );

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_inventory'));
    customers = new CustomerRepository(connection);
    rejections = new RejectionRepository(connection);
    imports = new InventoryImportRepository(connection);
    piia = new PiiaRepository(connection);
    await syncIndexes(connection);
  });

  afterAll(async () => {
    const db = connection.db!;
    for (const name of ['customers', 'inventory_rejections', 'inventory_imports', 'piia_reports']) {
      await db.collection(name).deleteMany({ caseId: { $in: caseIds } });
    }
    await connection.close();
  });

  it('reports duplicate positions of an unordered insert and inserts the rest', async () => {
    const caseId = newCase();
    expect(await customers.insertMany([doc(caseId, 1), doc(caseId, 2)])).toEqual({ inserted: 2, duplicateIndexes: [] });
    const again = await customers.insertMany([doc(caseId, 3), doc(caseId, 1), doc(caseId, 4), doc(caseId, 2)]);
    expect(again).toEqual({ inserted: 2, duplicateIndexes: [1, 3] });
    expect(await customers.count(caseId)).toBe(4);
    const existing = await customers.findExisting(caseId, [doc(caseId, 1)._id, doc(caseId, 9)._id]);
    expect([...existing.values()]).toEqual([{ id: doc(caseId, 1)._id, importId: 'imp_1', line: 2, rowHash: doc(caseId, 1).rowHash }]);
  });

  it('pages a case by _id with the keyset helper, and streams it whole, never crossing into another case', async () => {
    const caseId = newCase();
    const other = newCase();
    await customers.insertMany(Array.from({ length: 7 }, (_, i) => doc(caseId, i)));
    await customers.insertMany([doc(other, 1), doc(other, 2)]);
    const pages: string[][] = [];
    for await (const page of customers.classificationBatches(caseId, { batchSize: 3 })) pages.push(page.map((c) => c.id));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const ids = pages.flat();
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => id.startsWith(`${caseId}:`))).toBe(true);
    const resumed = await customers.classificationPage(caseId, { after: ids[2]!, limit: 100 });
    expect(resumed.map((c) => c.id)).toEqual(ids.slice(3));
    let streamed = 0;
    for await (const page of customers.streamClassification(caseId, { batchSize: 2 })) {
      expect(page.length).toBeLessThanOrEqual(2);
      expect(Object.keys(page[0]!)).not.toContain('personalEnc');
      streamed += page.length;
    }
    expect(streamed).toBe(7);
  });

  it('writes routes by signature, skips sealed customers on unsealed writes, and counts by plaintext fields', async () => {
    const caseId = newCase();
    await customers.insertMany(Array.from({ length: 6 }, (_, i) => doc(caseId, i + 1)));
    const fields: CustomerRouteFields = {
      route: 'notice', transferable: true, handover: true, noticeChannel: 'individual', noticeAdditions: [], routeReasons: [{ ruleId: 'r', article: 'a' }], rulePackVersion: 'v',
    };
    const opts = { seal: false, sensitiveCategories: ['id_number'], asOf: '2026-06-30' };
    // Customers 1..6: sensitive on even n, minor on n = 3, 6.
    const sensitiveAdults = await customers.setRoutesBySignature(caseId, { minor: false, reachable: true, sensitive: true, hold: 'none' }, fields, opts);
    expect(sensitiveAdults).toEqual({ matched: 2, modified: 2 });
    expect(await customers.count(caseId, { route: 'notice' })).toBe(2);
    expect(await customers.count(caseId, { routed: false })).toBe(4);
    expect(await customers.setRoutesBySignature(caseId, { minor: false, reachable: true, sensitive: true, hold: 'none' }, fields, opts)).toEqual({ matched: 0, modified: 0 });
    await customers.setRoutes([{ id: doc(caseId, 2)._id, fields: { ...fields, route: 'hold' } }], true);
    await customers.setRoutesBySignature(caseId, { minor: false, reachable: true, sensitive: true, hold: 'none' }, { ...fields, route: 'delete' }, opts);
    expect((await customers.findById(doc(caseId, 2)._id))?.route).toBe('hold');
    expect((await customers.findById(doc(caseId, 4)._id))?.route).toBe('delete');
    expect(await customers.count(caseId, { sensitive: 'id_number' })).toBe(3);
    expect(await customers.count(caseId, { sensitiveAny: ['id_number', 'health'] })).toBe(3);
    expect(await customers.count(caseId, { minor: true })).toBe(2);
    expect(await customers.findByEmailBi(caseId, caseBlindIndex(master, caseId).compute('email', 'C5@EXAMPLE.com'))).toHaveLength(1);
    expect(await customers.deleteByImport(caseId, 'imp_1')).toBe(6);
  });

  it('keeps rejections idempotent and pages them in line order', async () => {
    const caseId = newCase();
    const r = (line: number) => ({ caseId, importId: 'imp_r', line, field: 'email', reason: 'invalid email address', rawEnc: 'e1.x', createdAt: new Date() });
    expect(await rejections.insertMany([r(10), r(2), r(9)])).toEqual({ inserted: 3 });
    expect(await rejections.insertMany([r(2), r(11)])).toEqual({ inserted: 1 });
    const all = await rejections.listByCase(caseId, { limit: 10 });
    expect(all.map((x) => x.line)).toEqual([2, 9, 10, 11]);
    expect(Object.keys(all[0]!).sort()).toEqual(['field', 'id', 'importId', 'line', 'reason']);
    expect((await rejections.listByCase(caseId, { after: 'imp_r:9', limit: 10 })).map((x) => x.line)).toEqual([10, 11]);
    expect(await rejections.countByImport(caseId, 'imp_r')).toBe(4);
  });

  it('tracks an import: first start time kept, checkpoint and counters together, failure codes only', async () => {
    const caseId = newCase();
    const id = `imp_${randomBytes(5).toString('hex')}`;
    await imports.create({ id, caseId, format: 'csv', upload: { key: `uploads/${id}.enc`, bytes: 1, seal: { wrappedKey: 'w', iv: 'i', authTag: 't' } }, createdAt: new Date() });
    expect(await imports.countActive(caseId)).toBe(1);
    const first = await imports.markRunning(id, new Date('2026-01-01T00:00:00Z'));
    const second = await imports.markRunning(id, new Date('2026-02-01T00:00:00Z'));
    expect(second.toISOString()).toBe(first.toISOString());
    await imports.saveCheckpoint(id, { line: 40, processed: 39, accepted: 30, rejected: 9, unchanged: 0 });
    expect(await imports.findForCase(caseId, id)).toMatchObject({ status: 'running', checkpointLine: 40, counters: { processed: 39, accepted: 30, rejected: 9, unchanged: 0 } });
    expect(await imports.findForCase('cs_other', id)).toBeNull();
    await imports.markFailed(id, 'boom: a@b.c failed');
    expect(await imports.find(id)).toMatchObject({ status: 'failed', error: 'IMPORT_FAILED' });
    expect(await imports.countActive(caseId)).toBe(0);
    expect((await imports.listByCase(caseId)).map((i) => i.id)).toEqual([id]);
  });

  it('stores PIIA versions once each and returns the latest', async () => {
    const caseId = newCase();
    const content = { caseId } as never;
    expect(await piia.save({ caseId, version: 1, final: false, createdAt: new Date(), content })).toBe(true);
    expect(await piia.save({ caseId, version: 1, final: false, createdAt: new Date(), content })).toBe(false);
    expect(await piia.save({ caseId, version: 2, final: true, createdAt: new Date(), content })).toBe(true);
    expect(await piia.latest(caseId)).toMatchObject({ caseId, version: 2, final: true });
    expect(await piia.find(caseId, 1)).toMatchObject({ version: 1, final: false });
  });
});
