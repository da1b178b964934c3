import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Connection } from 'mongoose';
import { REJECTION_REASONS } from '@handover/domain';
import { connectMongo, CUSTOMER_COLLECTION, INVENTORY_IMPORT_COLLECTION, type CustomerRepository } from '@handover/persistence';
import { CHINESE_HEADER, gbkCsv, luhnCard, mongoUriFor, validIdNumber } from '@handover/testing';
import { createInventoryActivities } from './inventory.activities';
import type { InventoryActivityDeps } from './inventory.deps';
import { cleanupCases, counters, failingAttempt, inventoryDeps, lastCheckpoint, openCase, queueImport, runInContext } from './inventory.test-helpers';

const HEADER = [...CHINESE_HEADER, '会员等级'];
const ADULT_ID = validIdNumber('1980-01-01', 11);
const MINOR_ID = validIdNumber('2015-06-01', 12);
const BAD_CHECK_ID = ((id) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'))(validIdNumber('1985-03-04', 13));
const GOOD_CARD = luhnCard('622202020011223');
/** A purchase a month ago: recent whatever day the suite runs (dormancy is relative to the import). */
const RECENT = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
const BAD_CARD = GOOD_CARD.slice(0, 15) + String((Number(GOOD_CARD[15]) + 1) % 10);

/** 14 fields: the 13 Chinese columns and one unknown column. */
const row = (f: Partial<Record<(typeof HEADER)[number], string>>): string[] => HEADER.map((h) => f[h] ?? '');

/**
 * The Excel-style file: GBK, CRLF, Chinese headers, quoted fields (commas, doubled quotes, a line
 * break), an unknown column, good rows and one bad row per kind of defect. Header = line 1.
 */
const FILE_ROWS: Array<{ line: number; cells: string[]; field?: string }> = [
  { line: 2, cells: row({ 客户编号: 'C001', 客户类型: '个人', 姓名: '张三', 邮箱: 'zhangsan@example.com', 手机: '13800138000', 身份证号: ADULT_ID, 地址: '北京市朝阳区', 购买产品: '金手镯;银戒指', 最近购买时间: RECENT, 累计消费: '12,345.60', 银行卡号: GOOD_CARD, 会员等级: '金卡' }) },
  { line: 3, cells: row({ 客户编号: 'C002', 客户类型: '企业', 姓名: '上海某某贸易有限公司', 邮箱: 'li.si@corp.example.cn', 手机: '021-62345678', 地址: '上海市黄浦区南京东路1号, 5楼', 购买产品: '银戒指', 最近购买时间: '2023-01-15', 累计消费: '800', 备注: '联系人：李四 "采购"' }) },
  { line: 4, cells: row({ 客户编号: 'C003', 客户类型: '个人', 姓名: '王五', 邮箱: 'wangwu@example.com', 手机: '+86 139-1234-5678', 出生日期: '1990-02-03', 地址: '广州市\r\n天河区', 购买产品: '金项链', 最近购买时间: '2022/12/01', 累计消费: '3000' }) },
  // line 5 is the second physical line of C003's quoted address
  { line: 6, field: 'email', cells: row({ 客户编号: 'C004', 姓名: '赵六', 邮箱: 'not-an-email', 手机: '13700137000' }) },
  { line: 7, field: 'phone', cells: row({ 客户编号: 'C005', 姓名: '钱七', 邮箱: 'qianqi@example.com', 手机: '12345' }) },
  { line: 8, field: 'id_number', cells: row({ 客户编号: 'C006', 姓名: '孙八', 邮箱: 'sunba@example.com', 手机: '13600136000', 身份证号: BAD_CHECK_ID }) },
  { line: 9, field: 'bank_card', cells: row({ 客户编号: 'C007', 姓名: '周九', 邮箱: 'zhoujiu@example.com', 手机: '13500135000', 银行卡号: BAD_CARD }) },
  { line: 10, field: 'customer_id', cells: row({ 姓名: '吴十', 邮箱: 'wushi@example.com', 手机: '13400134000' }) },
  { line: 11, field: 'row', cells: [...row({ 客户编号: 'C008', 姓名: '郑一', 邮箱: 'zhengyi@example.com', 手机: '13300133000' }), 'EXTRA'] },
  { line: 12, field: 'row', cells: ['C009', '个人', '冯二', 'fenger@example.com'] },
  { line: 13, field: 'customer_id', cells: row({ 客户编号: 'C001', 姓名: '张三二', 邮箱: 'zhangsan2@example.com', 手机: '13200132000' }) },
  { line: 14, cells: row({ 客户编号: 'C010', 客户类型: '个人', 姓名: '陈三' }) },
  { line: 15, cells: row({ 客户编号: 'C011', 客户类型: '个人', 姓名: '小明', 邮箱: 'xiaoming@example.com', 身份证号: MINOR_ID }) },
  { line: 16, field: 'last_purchase_at', cells: row({ 客户编号: 'C012', 姓名: '褚四', 邮箱: 'chusi@example.com', 手机: '13100131000', 最近购买时间: 'yesterday' }) },
  { line: 17, field: 'total_spent', cells: row({ 客户编号: 'C013', 姓名: '卫五', 邮箱: 'weiwu@example.com', 手机: '13000130000', 累计消费: 'abc' }) },
  { line: 18, field: 'birth_date', cells: row({ 客户编号: 'C014', 姓名: '蒋六', 邮箱: 'jiangliu@example.com', 手机: '15000150000', 出生日期: '昨天' }) },
];
const EXPECTED_REJECTIONS = FILE_ROWS.filter((r) => r.field).map((r) => ({ line: r.line, field: r.field }));
const ACCEPTED = FILE_ROWS.length - EXPECTED_REJECTIONS.length;

/** Every email, phone and ID/card number of the file, as written and as normalised. */
const PLAINTEXT = [
  // At least 8 characters: a shorter canary (such as the invalid phone '12345') turns up by chance
  // in hex blind indexes and base64 ciphertext of a large collection.
  ...FILE_ROWS.flatMap((r) => [r.cells[3], r.cells[4], r.cells[5], r.cells[11]]).filter((v): v is string => !!v && v.length >= 8 && v !== 'not-an-email'),
  '13912345678',
  '02162345678',
  MINOR_ID,
  ADULT_ID,
  GOOD_CARD,
];

function gbkFile(): Buffer {
  return gbkCsv([HEADER, ...FILE_ROWS.map((r) => r.cells)]);
}

/** A larger UTF-8 file: every 10th row has a bad email, rows 7, 157, 307... repeat customer G1 with other data. */
function generatedFile(rows: number): { bytes: Buffer; expected: { processed: number; accepted: number; rejected: number; unchanged: number } } {
  const lines = ['customer_id,name,email,phone,total_spent'];
  let rejected = 0;
  for (let i = 1; i <= rows; i += 1) {
    const badEmail = i % 10 === 0;
    const duplicate = i % 150 === 7;
    if (badEmail || duplicate) rejected += 1;
    lines.push([duplicate ? 'G1' : `G${i}`, `name ${i}`, badEmail ? `g${i}-at-example.com` : `g${i}@example.com`, `13${String(100000000 + i)}`, String(i)].join(','));
  }
  return { bytes: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'), expected: { processed: rows, accepted: rows - rejected, rejected, unchanged: 0 } };
}

async function customersOfImport(connection: Connection, caseId: string, importId: string): Promise<Array<{ _id: string; line: number }>> {
  return connection
    .db!.collection<{ _id: string; line: number }>(CUSTOMER_COLLECTION)
    .find({ caseId, importId }, { projection: { _id: 1, line: 1 } })
    .toArray();
}

describe('importInventory on the real database', () => {
  let connection: Connection;
  let deps: InventoryActivityDeps;
  let dir: string;

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_inventory'));
    deps = await inventoryDeps(connection, { batchSize: 4 });
    dir = await mkdtemp(join(tmpdir(), 'handover-inv-it-'));
  });

  afterAll(async () => {
    await cleanupCases(connection);
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('a GBK Excel export with Chinese headers, CRLF, quoted fields, good and bad rows', () => {
    let caseId: string;
    let importId: string;
    let firstCounters: Awaited<ReturnType<ReturnType<typeof createInventoryActivities>['importInventory']>>;

    beforeAll(async () => {
      caseId = await openCase(deps, { kind: 'bankruptcy' });
      ({ importId } = await queueImport(deps, caseId, dir, gbkFile()));
      const activities = createInventoryActivities(deps);
      const run = await runInContext(() => activities.importInventory({ caseId, importId }));
      firstCounters = run.result;
      // Heartbeats carry line numbers and counters only.
      for (const beat of run.heartbeats) expect(Object.keys(beat as object).sort()).toEqual(['accepted', 'line', 'processed', 'rejected', 'unchanged']);
      expect(lastCheckpoint(run.heartbeats)).toEqual({ line: 18, ...firstCounters });
    });

    it('reports the exact accepted and rejected counts', async () => {
      expect(firstCounters).toEqual({ processed: FILE_ROWS.length, accepted: ACCEPTED, rejected: EXPECTED_REJECTIONS.length, unchanged: 0 });
      expect(ACCEPTED).toBe(5);
      const stored = await deps.imports.findForCase(caseId, importId);
      expect(stored).toMatchObject({ status: 'done', counters: firstCounters, checkpointLine: 18, encoding: 'gb18030' });
      expect(stored?.header).toMatchObject({ hasCustomerId: true, unknown: ['会员等级'] });
      expect(stored?.header?.known).toEqual(expect.arrayContaining(['customer_id', 'email', 'phone', 'id_number', 'bank_card', 'notes']));
      expect(await deps.customers.count(caseId)).toBe(ACCEPTED);
    });

    it('names the field of each rejected row, with a fixed reason and no value', async () => {
      const listed = await deps.rejections.listByCase(caseId, { limit: 100 });
      expect(listed.map(({ line, field }) => ({ line, field }))).toEqual(EXPECTED_REJECTIONS);
      const reasons = new Set<string>(Object.values(REJECTION_REASONS));
      for (const r of listed) expect(reasons.has(r.reason)).toBe(true);
      expect(listed.find((r) => r.line === 13)?.reason).toBe(REJECTION_REASONS.duplicateCustomerId);
      const text = JSON.stringify(listed);
      for (const value of PLAINTEXT) expect(text).not.toContain(value);
      // Paging by the cursor, padded or not.
      const page1 = await deps.rejections.listByCase(caseId, { limit: 4 });
      const page2 = await deps.rejections.listByCase(caseId, { after: `${importId}:${page1[3]!.line}`, limit: 100 });
      expect([...page1, ...page2].map((r) => r.line)).toEqual(EXPECTED_REJECTIONS.map((r) => r.line));
    });

    it('keeps the quarantined raw row encrypted and recoverable for correction', async () => {
      const cipher = await deps.keys.require(caseId);
      const rawEnc = await deps.rejections.findRaw(caseId, importId, 6);
      expect(rawEnc).toMatch(/^e1\./);
      const record = cipher.decryptJson<Record<string, string>>(rawEnc!, `${caseId}:rejection:${importId}:6`);
      expect(record).toMatchObject({ customer_id: 'C004', email: 'not-an-email' });
    });

    it('classifies the accepted customers in clear and nothing else', async () => {
      const docs = await connection.db!.collection(CUSTOMER_COLLECTION).find({ caseId }).sort({ line: 1 }).toArray();
      expect(docs.map((d) => d['line'])).toEqual([2, 3, 4, 14, 15]);
      const byLine = new Map(docs.map((d) => [d['line'] as number, d]));
      expect(byLine.get(2)).toMatchObject({ type: 'individual', tier: 'core', minor: false, reachable: true, sensitive: ['id_number', 'bank_card', 'financial_account'] });
      expect(byLine.get(3)).toMatchObject({ type: 'enterprise', channels: { email: true, phone: true } });
      expect(byLine.get(14)).toMatchObject({ reachable: false, channels: { email: false, phone: false } });
      expect(byLine.get(15)).toMatchObject({ minor: true, sensitive: ['id_number', 'minor'] });
      // The quoted fields survived: address with a line break, doubled quotes in the notes.
      const cipher = await deps.keys.require(caseId);
      const c3 = cipher.decryptJson<Record<string, unknown>>(byLine.get(4)!['personalEnc'] as string, `${caseId}:customer:${byLine.get(4)!['ref'] as string}`);
      expect(c3).toMatchObject({ customerId: 'C003', address: '广州市\r\n天河区', phone: '13912345678' });
      const c2 = cipher.decryptJson<Record<string, unknown>>(byLine.get(3)!['personalEnc'] as string, `${caseId}:customer:${byLine.get(3)!['ref'] as string}`);
      expect(c2).toMatchObject({ notes: '联系人：李四 "采购"', address: '上海市黄浦区南京东路1号, 5楼' });
      const c1 = cipher.decryptJson<Record<string, unknown>>(byLine.get(2)!['personalEnc'] as string, `${caseId}:customer:${byLine.get(2)!['ref'] as string}`);
      expect(c1).toMatchObject({ totalSpent: 12345.6, extra: { 会员等级: '金卡' } });
    });

    it('leaves no plaintext email, phone, ID or card number of the file in any collection, nor in the stored upload', async () => {
      const db = connection.db!;
      expect(PLAINTEXT.length).toBeGreaterThan(20);
      const collections = await db.listCollections().toArray();
      expect(collections.map((c) => c.name)).toEqual(expect.arrayContaining(['customers', 'inventory_rejections', 'inventory_imports', 'cases']));
      let scanned = 0;
      for (const { name } of collections) {
        const text = JSON.stringify(await db.collection(name).find({}).toArray());
        scanned += text.length;
        const lower = text.toLowerCase();
        for (const value of PLAINTEXT) expect({ collection: name, found: lower.includes(value.toLowerCase()) ? value : null }).toEqual({ collection: name, found: null });
      }
      expect(scanned).toBeGreaterThan(1000);
      const stored = await deps.imports.find(importId);
      const chunks: Buffer[] = [];
      for await (const chunk of (await deps.blobs.get(stored!.upload.key)) as AsyncIterable<Buffer>) chunks.push(chunk);
      const onDisk = Buffer.concat(chunks);
      expect(onDisk.length).toBeGreaterThan(1000);
      expect(onDisk.includes(Buffer.from('zhangsan@example.com'))).toBe(false);
    });

    it('re-importing the same file accepts nothing new: unchanged = previously accepted, same rejections', async () => {
      const again = await queueImport(deps, caseId, dir, gbkFile());
      const activities = createInventoryActivities(deps);
      const { result } = await runInContext(() => activities.importInventory({ caseId, importId: again.importId }));
      expect(result).toEqual({ processed: FILE_ROWS.length, accepted: 0, rejected: EXPECTED_REJECTIONS.length, unchanged: firstCounters.accepted });
      expect(await deps.customers.count(caseId)).toBe(ACCEPTED);
      expect(await deps.rejections.countByImport(caseId, again.importId)).toBe(EXPECTED_REJECTIONS.length);
    });

    it('returns the stored counters when a finished import is run again (retry after completion)', async () => {
      const activities = createInventoryActivities(deps);
      const { result } = await runInContext(() => activities.importInventory({ caseId, importId }));
      expect(result).toEqual(firstCounters);
      expect(await deps.customers.count(caseId)).toBe(ACCEPTED);
    });
  });

  it('imports NDJSON the same way: one line per record, malformed lines quarantined as `row`', async () => {
    const caseId = await openCase(deps, { kind: 'merger' });
    const ndjson = [
      JSON.stringify({ customer_id: 'N1', name: '甲', email: 'n1@example.com', phone: '13900139001', 会员等级: '银卡' }),
      '{"customer_id": "N2", "email": ',
      JSON.stringify({ customer_id: 'N3', email: 'not-an-email' }),
    ].join('\n');
    const { importId } = await queueImport(deps, caseId, dir, Buffer.from(ndjson), 'ndjson');
    const { result } = await runInContext(() => createInventoryActivities(deps).importInventory({ caseId, importId }));
    expect(result).toEqual({ processed: 3, accepted: 1, rejected: 2, unchanged: 0 });
    const listed = await deps.rejections.listByCase(caseId, { limit: 10 });
    expect(listed.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 2, field: 'row' },
      { line: 3, field: 'email' },
    ]);
  });

  describe('crash safety', () => {
    const ROWS = 1_200;
    const BATCH = 100;

    async function expectExactlyOnce(caseId: string, importId: string, expected: ReturnType<typeof generatedFile>['expected']): Promise<void> {
      const stored = await deps.imports.findForCase(caseId, importId);
      expect(stored?.status).toBe('done');
      expect(counters(stored!.counters)).toEqual(expected);
      const docs = await customersOfImport(connection, caseId, importId);
      expect(docs).toHaveLength(expected.accepted);
      expect(new Set(docs.map((d) => d.line)).size).toBe(expected.accepted);
      expect(await deps.customers.count(caseId)).toBe(expected.accepted);
      expect(await deps.rejections.countByImport(caseId, importId)).toBe(expected.rejected);
      const rejected = await deps.rejections.listByCase(caseId, { limit: 10_000 });
      expect(new Set(rejected.map((r) => r.line)).size).toBe(expected.rejected);
    }

    it('a worker killed after a committed batch resumes from its heartbeat and imports every row exactly once', async () => {
      const { bytes, expected } = generatedFile(ROWS);
      const caseId = await openCase(deps, { kind: 'merger' });
      const { importId } = await queueImport(deps, caseId, dir, bytes);
      const activities = createInventoryActivities({ ...deps, batchSize: BATCH });

      const first = await failingAttempt(() => activities.importInventory({ caseId, importId }), {
        onHeartbeat: (_details, n) => {
          if (n === 3) throw new Error('worker killed');
        },
      });
      expect((first.error as Error).message).toBe('worker killed');
      const crashedAt = lastCheckpoint(first.heartbeats)!;
      expect(crashedAt.line).toBe(3 * BATCH + 1);
      expect(await deps.imports.findForCase(caseId, importId)).toMatchObject({ status: 'running', checkpointLine: 3 * BATCH + 1 });
      const partial = await deps.customers.count(caseId);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(expected.accepted);

      const second = await runInContext(() => activities.importInventory({ caseId, importId }), { heartbeatDetails: crashedAt });
      expect(second.result).toEqual(expected);
      // The retry started after the checkpoint: its first heartbeat is a later batch.
      expect(lastCheckpoint(second.heartbeats.slice(0, 1))!.line).toBe(4 * BATCH + 1);
      await expectExactlyOnce(caseId, importId, expected);
    }, 120_000);

    it('rows written after the last checkpoint by a killed attempt are counted once on the retry', async () => {
      const { bytes, expected } = generatedFile(ROWS);
      const caseId = await openCase(deps, { kind: 'division' });
      const { importId } = await queueImport(deps, caseId, dir, bytes);
      // The 4th insert reaches the database, then the worker dies before it is acknowledged:
      // batch 4's customers exist, its rejections and checkpoint do not.
      let inserts = 0;
      const customers = Object.create(deps.customers) as CustomerRepository;
      customers.insertMany = async (docs) => {
        const result = await deps.customers.insertMany(docs);
        inserts += 1;
        if (inserts === 4) throw new Error('connection lost after the write');
        return result;
      };
      const flaky = createInventoryActivities({ ...deps, customers, batchSize: BATCH });
      const first = await failingAttempt(() => flaky.importInventory({ caseId, importId }));
      expect((first.error as Error).message).toBe('connection lost after the write');
      const stored = await deps.imports.findForCase(caseId, importId);
      expect(stored?.checkpointLine).toBe(3 * BATCH + 1);
      const written = await customersOfImport(connection, caseId, importId);
      expect(written.some((d) => d.line > 3 * BATCH + 1)).toBe(true);

      // The retry gets no heartbeat details (e.g. they were lost): the stored checkpoint is enough.
      const healthy = createInventoryActivities({ ...deps, batchSize: BATCH });
      const second = await runInContext(() => healthy.importInventory({ caseId, importId }));
      expect(second.result).toEqual(expected);
      await expectExactlyOnce(caseId, importId, expected);
    }, 120_000);
  });

  describe('unreadable uploads', () => {
    it('fails for good on a tampered upload and keeps nothing of it', async () => {
      const caseId = await openCase(deps, { kind: 'merger' });
      const { importId, upload } = await queueImport(deps, caseId, dir, generatedFile(50).bytes);
      await connection
        .db!.collection(INVENTORY_IMPORT_COLLECTION)
        .updateOne({ _id: importId as never }, { $set: { 'upload.seal.authTag': Buffer.alloc(16, 1).toString('base64') } });
      const activities = createInventoryActivities(deps);
      const { error } = await failingAttempt(() => activities.importInventory({ caseId, importId }));
      expect(error).toBeInstanceOf(ApplicationFailure);
      expect(error).toMatchObject({ type: 'IMPORT_UNREADABLE', nonRetryable: true });
      expect(await deps.imports.findForCase(caseId, importId)).toMatchObject({ status: 'failed', error: 'IMPORT_UNREADABLE' });
      expect(await deps.customers.count(caseId)).toBe(0);
      expect(await deps.rejections.countByImport(caseId, importId)).toBe(0);
      expect(upload.bytes).toBeGreaterThan(0);
    });

    it('fails with IMPORT_NOT_FOUND for an import of another case', async () => {
      const caseId = await openCase(deps, { kind: 'merger' });
      const other = await openCase(deps, { kind: 'merger' });
      const { importId } = await queueImport(deps, caseId, dir, generatedFile(3).bytes);
      const activities = createInventoryActivities(deps);
      const { error } = await failingAttempt(() => activities.importInventory({ caseId: other, importId }));
      expect(error).toMatchObject({ type: 'IMPORT_NOT_FOUND', nonRetryable: true });
      expect(await deps.imports.findForCase(caseId, importId)).toMatchObject({ status: 'queued' });
    });
  });
});
