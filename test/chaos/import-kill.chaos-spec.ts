import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection as TemporalConnection, type WorkflowHandle } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { importWorkflowId, type ImportCounters } from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import {
  caseBlindIndex,
  CaseKeyService,
  CaseRepository,
  CaseStatisticsRepository,
  CASE_COLLECTION,
  CASE_KEY_COLLECTION,
  customerRef,
  CUSTOMER_COLLECTION,
  INVENTORY_IMPORT_COLLECTION,
  InventoryImportRepository,
  LocalBlobStore,
  REJECTION_COLLECTION,
  syncIndexes,
} from '@handover/persistence';
import { InventoryRowFactory, TEST_MASTER_KEY, testEnv, waitUntil, writeInventoryCsv } from '@handover/testing';
import { storeEncryptedUpload } from '../../services/admin-api/src/inventory/store-upload';
import { activityAttempts, chaosWorkerEnv, connectChaos } from './support/chaos-stack';
import { WorkerProcess } from './support/worker-process';

/** What the worker and the database hold at one instant of the import. */
interface ImportState {
  customers: number;
  status: string | undefined;
  checkpointLine: number;
  checkpointAccepted: number;
}

interface KillPoint {
  /** Customers of the case in the collection once the killed worker's last writes had landed. */
  customers: number;
  /** The stored checkpoint at that moment: the retry resumes after it. */
  checkpointLine: number;
  checkpointAccepted: number;
  /** Attempt of importInventory that was running when the worker died. */
  attempt: number;
  atSeconds: number;
}

/**
 * Chaos (issue 3, "Must show" 3): the real worker, in a process of its own, is SIGKILLed twice
 * while inventoryImportWorkflow imports a 50,000-row GBK CSV stored as the admin API stores it,
 * and restarted each time. Temporal notices each kill by the activity's heartbeat timeout and
 * retries it on the new worker, which resumes after the stored checkpoint. Afterwards every row of
 * the file is in exactly one place, once: each valid row a customer (the exact set of customer
 * refs and lines the generator made), each defective row one quarantined rejection (the exact set
 * of lines), and the import's own counters say the same.
 */
describe('inventory import survives SIGKILLed workers', () => {
  const env = testEnv();
  const master = MasterKey.fromBase64(TEST_MASTER_KEY);
  const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const caseId = `chaosimp_${runTag}`;
  const importId = `imp_${randomBytes(12).toString('base64url')}`;
  const taskQueue = `chaos-imp-${process.pid}`;
  const ROWS = 50_000;
  const GENERATOR = { seed: 31, invalidRatio: 0.04, referenceDate: '2026-06-30', idPrefix: '', duplicateIds: true } as const;
  /** Kill when this share of the expected customers is in the collection. */
  const KILL_AT = [0.2, 0.55];

  /**
   * A database of its own, whose 50,000 customers stay: deleting them one by one takes FerretDB v1
   * minutes, so they are left where the other suites' scans never see them (and `npm test` starts
   * every run on a fresh PostgreSQL database anyway).
   */
  const database = 'handover_chaos_import';
  const workerEnv = chaosWorkerEnv(env, taskQueue, database);

  let mongo: Connection;
  let temporal: TemporalConnection;
  let client: Client;
  let worker: WorkerProcess;
  let handle: WorkflowHandle | undefined;
  let csvDir: string | undefined;
  let uploadPath: string | undefined;

  beforeAll(async () => {
    ({ mongo, temporal, client } = await connectChaos(env, database));
    worker = new WorkerProcess(workerEnv);
    csvDir = await mkdtemp(join(tmpdir(), 'handover-chaos-import-'));
  }, 60_000);

  afterAll(async () => {
    await handle?.terminate('chaos test finished').catch(() => undefined);
    await worker?.stop();
    // The small documents of the case go; its customers and rejections stay (see `database`).
    const db = mongo?.db;
    if (db) {
      await db.collection(INVENTORY_IMPORT_COLLECTION).deleteMany({ caseId });
      for (const name of [CASE_COLLECTION, CASE_KEY_COLLECTION]) await db.collection(name).deleteOne({ _id: caseId as never });
    }
    if (uploadPath) await rm(uploadPath, { force: true });
    if (csvDir) await rm(csvDir, { recursive: true, force: true });
    await temporal?.close();
    await mongo?.close();
  }, 120_000);

  /**
   * The file's rows as the importer must see them, made again from the generator's seed: the
   * physical line each record starts on (header = line 1; a line break inside a quoted field
   * moves the next record down) and, for a valid row, its customer_id.
   */
  function expectedRows(): { customers: Map<number, string>; rejectedLines: number[]; lastLine: number } {
    const factory = new InventoryRowFactory(GENERATOR);
    const customers = new Map<number, string>();
    const rejectedLines: number[] = [];
    let line = 2;
    let lastLine = 0;
    for (let i = 0; i < ROWS; i++) {
      const row = factory.row(i);
      lastLine = line;
      if (row.invalid === undefined) customers.set(line, row.fields[0] as string);
      else rejectedLines.push(line);
      line += 1 + row.fields.reduce((breaks, field) => breaks + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    }
    return { customers, rejectedLines, lastLine };
  }

  it('imports every row exactly once across two SIGKILLs of the worker', async () => {
    const started = Date.now();
    const seconds = (): string => ((Date.now() - started) / 1000).toFixed(1);
    const step = (what: string): void => console.log(`[chaos-import +${seconds()} s] ${what}`);

    // The case, as the admin API opens it (a draft: uploads are accepted).
    const keys = new CaseKeyService(mongo, master);
    await new CaseRepository(mongo).create(
      {
        id: caseId,
        kind: 'merger',
        jurisdiction: 'CN-PIPL',
        status: 'draft',
        phase: 'opened',
        transferor: { name: '甲珠宝有限公司', contact: '010-12345678' },
        recipient: { name: '乙珠宝有限公司', contact: '021-87654321', email: `dpo@i${runTag}.example`, country: 'CN' },
        manager: { name: '王经理', email: `manager@i${runTag}.example` },
        policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D', thirdPartyDeadline: 'P30D', reminders: [], minors: 'guardian-consent', sensitive: 'notice' },
        createdAt: new Date(),
      },
      await keys.ensure(caseId),
    );
    await syncIndexes(mongo);

    // The file: GBK, CRLF, Chinese headers, 4 % defective rows (some repeating an earlier ID).
    const csvPath = join(csvDir as string, 'inventory.csv');
    const csv = await writeInventoryCsv({ rows: ROWS, path: csvPath, encoding: 'gb18030', ...GENERATOR });
    const expected = expectedRows();
    expect(expected.customers.size).toBe(csv.valid);
    expect(expected.rejectedLines).toHaveLength(csv.invalid);
    const expectedCounters: ImportCounters = { processed: ROWS, accepted: csv.valid, rejected: csv.invalid, unchanged: 0 };
    step(`generated ${ROWS} rows (${csv.valid} valid, ${csv.invalid} defective), ${(csv.bytes / 1e6).toFixed(1)} MB gb18030`);

    // Stored and recorded as LoadInventoryUseCase does, then its workflow started the same way.
    const blobs = new LocalBlobStore(env.dataDir);
    const upload = await storeEncryptedUpload(createReadStream(csvPath), { store: blobs, importId, master, maxBytes: Number.MAX_SAFE_INTEGER });
    uploadPath = blobs.pathOf(upload.key);
    expect(upload.bytes).toBe(csv.bytes);
    const imports = new InventoryImportRepository(mongo);
    await imports.create({ id: importId, caseId, format: 'csv', upload, createdAt: new Date() });

    await worker.start();
    step(`worker ${worker.pid} ready`);
    handle = await client.workflow.start('inventoryImportWorkflow', { workflowId: importWorkflowId(caseId, importId), taskQueue, args: [{ caseId, importId }] });
    const wf = handle;
    const importStarted = Date.now();
    step(`import ${importId} started`);

    const customersCollection = mongo.db!.collection<{ _id: string; ref: string; line: number; importId: string }>(CUSTOMER_COLLECTION);
    const state = async (): Promise<ImportState> => {
      const [customers, stored] = await Promise.all([customersCollection.countDocuments({ caseId }), imports.findForCase(caseId, importId)]);
      return { customers, status: stored?.status, checkpointLine: stored?.checkpointLine ?? 0, checkpointAccepted: stored?.counters.accepted ?? 0 };
    };

    // The trigger reads the import's checkpoint only: counting the case's customers is a pass over
    // the collection on FerretDB v1 (seconds once it is large), far too slow to aim a kill with.
    const checkpoint = async (): Promise<{ status: string | undefined; accepted: number }> => {
      const stored = await imports.findForCase(caseId, importId);
      return { status: stored?.status, accepted: stored?.counters.accepted ?? 0 };
    };
    const kills: KillPoint[] = [];
    for (const share of KILL_AT) {
      const threshold = Math.max(1, Math.floor(csv.valid * share));
      const seen = await waitUntil(
        checkpoint,
        (s) => s.status === 'done' || s.status === 'failed' || (s.accepted >= threshold && s.accepted < csv.valid),
        300_000,
        `${threshold} customers imported`,
        100,
      );
      expect(seen.status).toBe('running');
      await worker.kill();
      const pending = (await wf.describe()).raw.pendingActivities ?? [];
      const running = pending.find((a) => a.activityType?.name === 'importInventory');
      // Writes the dead worker had already sent are finished by the server: let them land.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = await state();
      kills.push({ customers: after.customers, checkpointLine: after.checkpointLine, checkpointAccepted: after.checkpointAccepted, attempt: running?.attempt ?? 0, atSeconds: (Date.now() - importStarted) / 1000 });
      step(
        `SIGKILL ${kills.length} (attempt ${running?.attempt}, seen ${seen.accepted} accepted): ${after.customers} customers in the collection, ` +
          `checkpoint line ${after.checkpointLine} with ${after.checkpointAccepted} accepted (${after.customers - after.checkpointAccepted} written past it)`,
      );
      expect(running).toBeDefined();
      expect(after.status).toBe('running');
      expect(after.customers).toBeGreaterThan(0);
      expect(after.customers).toBeLessThan(csv.valid);
      // Nothing is counted that is not written.
      expect(after.customers).toBeGreaterThanOrEqual(after.checkpointAccepted);
      await worker.start();
      step(`worker ${worker.pid} ready`);
    }

    const done = await waitUntil(() => imports.findForCase(caseId, importId), (s) => s?.status === 'done' || s?.status === 'failed', 480_000, 'the import done', 1000);
    step(`import ${done?.status}: ${JSON.stringify(done?.counters)}`);
    expect(done?.status).toBe('done');
    // The activity's completion reaches the history (with the attempt that completed it). The
    // workflow goes on with decideRoutes and draftPiia, minutes over 48,000 customers on FerretDB
    // v1 and not under test here: afterAll terminates it.
    const attempts = await waitUntil(() => activityAttempts(handle as WorkflowHandle, 'importInventory'), (a) => a.length > 0, 120_000, 'importInventory completed in the history', 1000);
    step(`importInventory completed by attempt ${Math.max(...attempts)}`);

    // The import's own counters.
    expect(done?.counters).toEqual(expectedCounters);
    // The status read's customer figure (folded from the batches' facts through the kills) equals
    // a recount (the later figures belong to the route decisions that run on after the import).
    const statistics = new CaseStatisticsRepository(mongo);
    const recount = await statistics.recount(caseId);
    expect(recount.customers).toBe(csv.valid);
    const folded = await waitUntil(() => statistics.read(caseId), (figures) => figures?.counters.customers === recount.customers, 30_000, 'the status equal to a recount', 500).catch(() => statistics.read(caseId));
    expect(folded?.counters.customers).toBe(recount.customers);
    expect(done?.checkpointLine).toBe(expected.lastLine);

    // Each valid row is one customer: the exact refs and lines of the file, each once.
    const blindIndex = caseBlindIndex(master, caseId);
    const docs = await customersCollection.find({ caseId }, { projection: { _id: 1, ref: 1, line: 1, importId: 1 } }).toArray();
    expect(docs).toHaveLength(csv.valid);
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
    expect(new Set(docs.map((d) => d.ref)).size).toBe(docs.length);
    expect(new Set(docs.map((d) => d.line)).size).toBe(docs.length);
    expect(docs.every((d) => d.importId === importId)).toBe(true);
    const refOfLine = new Map([...expected.customers].map(([line, customerId]) => [line, customerRef(blindIndex, customerId)]));
    const misplaced = docs.filter((d) => refOfLine.get(d.line) !== d.ref);
    expect(misplaced.slice(0, 5)).toEqual([]);
    expect(docs.map((d) => d.line).sort((a, b) => a - b)).toEqual([...expected.customers.keys()]);

    // Each defective row is one quarantined rejection, by line, each once.
    const rejections = await mongo
      .db!.collection<{ _id: string; line: number; importId: string }>(REJECTION_COLLECTION)
      .find({ caseId }, { projection: { _id: 1, line: 1, importId: 1 } })
      .toArray();
    expect(rejections).toHaveLength(csv.invalid);
    expect(new Set(rejections.map((r) => r.line)).size).toBe(rejections.length);
    expect(rejections.every((r) => r.importId === importId)).toBe(true);
    expect(rejections.map((r) => r.line).sort((a, b) => a - b)).toEqual(expected.rejectedLines);

    // Both kills fell inside the import, and the activity that finished it was a retry.
    expect(kills).toHaveLength(KILL_AT.length);
    // Each kill hit a later attempt than the one before (the retry of the previous kill).
    kills.forEach((k, i) => expect(k.attempt).toBeGreaterThan(i === 0 ? 0 : (kills[i - 1] as KillPoint).attempt));
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(KILL_AT.length + 1);

    console.log(
      `chaos-import: ${ROWS} rows → ${docs.length} customers (expected ${csv.valid}, distinct refs ${new Set(docs.map((d) => d.ref)).size}), ` +
        `${rejections.length} rejected (expected ${csv.invalid}, distinct lines ${new Set(rejections.map((r) => r.line)).size}); ` +
        `kills at ${kills.map((k) => `${k.customers} customers/checkpoint ${k.checkpointAccepted} (+${k.atSeconds.toFixed(0)} s, attempt ${k.attempt})`).join(' and ')}; ` +
        `final attempt ${Math.max(...attempts)}; import ${((done!.finishedAt!.getTime() - importStarted) / 1000).toFixed(0)} s, total ${seconds()} s`,
    );
  }, 600_000);
});
