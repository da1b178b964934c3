/**
 * Whole-case benchmark (issue 13, Must show 1–5): a bankruptcy with a successor, from the first
 * byte of the upload to `closed`, through the public API, the portal and the mail only. Run with
 * `bash bench/run.sh case [--customers N]` (default 1,000,000), which starts a stack of its own and,
 * in front of it, the fast discard SMTP sink (bench/support/discard-sink.ts) standing for a relay.
 *
 *  1. A GBK CSV of N customers (writeInventoryCsv: 2 % defective rows), purchase dates such that
 *     about 5 % fall under the case's 6-month retention rule (legal holds: storage only).
 *  2. The case: zero-length waiting periods, one third party, a recipient with a public key.
 *     Upload → import → inventory gate → notices gate → mailing → handover gate → package →
 *     recipient acknowledges (portal) → third party confirms (portal) → deletion → closure gate →
 *     report → closed. About 1 % of the notified customers (a hash sample of the sink) file a
 *     deletion request through their link; the manager resolves each (per-document paths).
 *  3. Per phase: seconds (from the status read's phase changes), rate; peak RSS of every process;
 *     workflow history events; the status read's p50/p99 with 20 closed-loop clients during the
 *     mailing and at the end.
 *  4. Baselines in the same run, on a sample (default 100,000): driver insertMany of the import's
 *     documents, pooled nodemailer (same pool size, same sink, messages of the mailing's mean
 *     size), driver updateMany/deleteMany of customer-shaped documents.
 *  5. bench/results/case-<date>-<N>.json and the table in docs/benchmarks.md.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import nodemailer from 'nodemailer';
import { loadSecrets, mailInFlight, singleMasterKey } from '@handover/config';
import { MasterKey } from '@handover/crypto';
import { caseBlindIndex, CaseKeyService, connectMongo } from '@handover/persistence';
import { writeInventoryCsv } from '@handover/testing';
import { AdminClient } from './support/admin-client';
import { BaselinePreparer } from './support/baseline-documents';
import { DiscardSinkClient, linkIn } from './support/discard-sink-client';
import { writeJson } from './support/bench-report';
import { runInsertBaseline } from './support/insert-baseline';
import { mb, ProcessSampler, readMemory, type TrackedProcess } from './support/process-sampler';

const ROOT = resolve(__dirname, '..');
const BEGIN = '<!-- bench:case:begin -->';
const END = '<!-- bench:case:end -->';
const WATCH_DOMAIN = 'bench.example';
const log = (line: string): void => console.log(`[bench case ${new Date().toISOString().slice(11, 19)}] ${line}`);
const n = (value: number, digits = 0): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Args {
  customers: number;
  seed: number;
  clients: number;
  sample: number;
  requests: boolean;
}

const USAGE = 'usage: bash bench/run.sh case [--customers N (1,000,000)] [--seed S] [--clients N (20)] [--baseline-sample N (100,000)] [--no-requests]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { customers: 1_000_000, seed: 2026, clients: 20, sample: 100_000, requests: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-requests') {
      args.requests = false;
      continue;
    }
    const value = Number(String(argv[i + 1]).replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < 1) throw new Error(`${String(flag)} needs a positive integer\n${USAGE}`);
    i++;
    if (flag === '--customers') args.customers = value;
    else if (flag === '--seed') args.seed = value;
    else if (flag === '--clients') args.clients = value;
    else if (flag === '--baseline-sample') args.sample = value;
    else throw new Error(`unknown option ${String(flag)}\n${USAGE}`);
  }
  return args;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark through 'bash bench/run.sh case'`);
  return value;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
  counters: Record<string, number>;
}

/** Latency of GET /v1/cases/{id} under `clients` closed-loop clients for `seconds`. */
async function statusLoad(adminUrl: string, token: string, caseId: string, clients: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const res = await fetch(`${adminUrl}/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return { requests: latencies.length, perSecond: Math.round(latencies.length / seconds), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), errors };
}

function trackedProcesses(runDir: string): TrackedProcess[] {
  const tracked: TrackedProcess[] = [];
  for (const file of readdirSync(runDir).filter((f) => f.endsWith('.pid'))) {
    const pid = Number(readFileSync(join(runDir, file), 'utf8').trim());
    if (Number.isInteger(pid) && readMemory(pid)) tracked.push({ name: basename(file, '.pid'), pid });
  }
  tracked.push({ name: 'bench', pid: process.pid });
  return tracked;
}

/** Raw pooled nodemailer into the same sink: `count` messages of `size` bytes, `inFlight` at once. */
async function mailBaseline(smtpUrl: string, sink: DiscardSinkClient, poolSize: number, inFlight: number, count: number, size: number) {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({ pool: true, host: url.hostname, port: Number(url.port || 25), secure: false, ignoreTLS: true, maxConnections: poolSize, maxMessages: Infinity });
  const body = '通知'.repeat(Math.max(1, Math.floor(size / 2 / 6))); // ~6 bytes per char once encoded in both parts
  await sink.reset();
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({ from: 'baseline@handover.example', to: `c${i}@customers.example`, subject: '个人信息转移告知', text: body, html: `<p>${body}</p>`, messageId: `<baseline.${i}.${started}@bench>` });
      }
    }),
  );
  transport.close();
  const stats = await sink.stats();
  const seconds = Math.max(0.001, (stats.lastAt - started) / 1000);
  return { messages: stats.unique, seconds, perSecond: stats.unique / seconds, meanBytes: stats.bytes / Math.max(1, stats.messages) };
}

/** Driver updateMany and deleteMany of `count` customer-shaped documents in a scratch collection. */
async function disposalBaseline(mongoUri: string, count: number) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const scratch = client.db().collection<{ _id: string; caseId: string; route: string; disposition?: string; personal?: string }>('bench_baseline_dispositions');
    await scratch.drop().catch(() => undefined);
    await scratch.createIndex({ caseId: 1, route: 1 });
    const filler = 'x'.repeat(600); // about an encrypted customer's size
    for (let from = 0; from < count; from += 5000) {
      await scratch.insertMany(
        Array.from({ length: Math.min(5000, count - from) }, (_, i) => ({ _id: `b:${from + i}`, caseId: 'b', route: (from + i) % 2 === 0 ? 'notice' : 'delete', personal: filler })),
        { ordered: false },
      );
    }
    let t = performance.now();
    await scratch.updateMany({ caseId: 'b' }, { $set: { disposition: 'deleted' }, $unset: { personal: '' } });
    const updateSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await scratch.deleteMany({ caseId: 'b' });
    const deleteSeconds = (performance.now() - t) / 1000;
    await scratch.drop().catch(() => undefined);
    return { documents: count, updateSeconds, deleteSeconds, updatePerSecond: count / updateSeconds, deletePerSecond: count / deleteSeconds };
  } finally {
    await client.close();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = resolve(required('HANDOVER_DATA_DIR'));
  const adminUrl = required('ADMIN_URL');
  const mongoUri = required('MONGODB_URI');
  const smtpUrl = required('SMTP_URL');
  const sink = new DiscardSinkClient(required('BENCH_SINK_API'));
  const portalUrl = required('PORTAL_URL').replace(/\/+$/, '');
  const backend = process.env['BENCH_BACKEND'] ?? 'unknown';
  const pgDb = /PostgreSQL/.test(backend) ? (process.env['HANDOVER_PG_DB'] ?? null) : null;
  const secrets = loadSecrets({ HANDOVER_DATA_DIR: dataDir, HANDOVER_MASTER_KEY: process.env['HANDOVER_MASTER_KEY'], HANDOVER_ADMIN_TOKEN: process.env['HANDOVER_ADMIN_TOKEN'] });
  const token = secrets.adminToken;
  const admin = new AdminClient(adminUrl, token);
  const api = async <T>(path: string, init: RequestInit = {}, expect = 200): Promise<T> => {
    const res = await fetch(`${adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    if (res.status !== expect) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as T;
  };
  const view = (caseId: string): Promise<CaseView> => api<CaseView>(`/v1/cases/${caseId}`);
  const poolSize = Number(process.env['SMTP_MAX_CONNECTIONS'] ?? 5);
  const inFlight = mailInFlight({ SMTP_MAX_IN_FLIGHT: Number(process.env['SMTP_MAX_IN_FLIGHT'] ?? 0), SMTP_MAX_CONNECTIONS: poolSize });

  // 1. The inventory file (kept between runs of the same size and seed).
  const referenceDate = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const csvPath = join(dataDir, `case-${args.customers}-${args.seed}-${referenceDate}.csv`);
  const csvSummaryPath = `${csvPath}.json`;
  let csv: Awaited<ReturnType<typeof writeInventoryCsv>>;
  if (existsSync(csvSummaryPath) && existsSync(csvPath)) csv = JSON.parse(readFileSync(csvSummaryPath, 'utf8')) as typeof csv;
  else {
    log(`generating a GBK CSV of ${n(args.customers)} customers (reference date ${referenceDate})`);
    csv = await writeInventoryCsv({ rows: args.customers, path: csvPath, encoding: 'gb18030', seed: args.seed, invalidRatio: 0.02, referenceDate, duplicateIds: false });
    writeFileSync(csvSummaryPath, JSON.stringify(csv));
  }
  log(`inventory: ${n(csv.rows)} rows, ${n(csv.valid)} valid, ${n(csv.bytes / 1e6, 1)} MB`);

  const tracked = trackedProcesses(join(dataDir, 'run'));
  const sampler = new ProcessSampler(tracked, pgDb);
  sampler.start(1000);
  const whole = sampler.open({ resetPeaks: true });

  // 2. The case.
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const managerEmail = `manager@${WATCH_DOMAIN}`;
  const recipientEmail = `dpo@recipient.${WATCH_DOMAIN}`;
  const thirdPartyEmail = `privacy@courier.${WATCH_DOMAIN}`;
  const { id: caseId } = await api<{ id: string }>(
    '/v1/cases',
    {
      method: 'POST',
      body: JSON.stringify({
        kind: 'bankruptcy',
        transferor: { name: '基准测试珠宝店（破产）', contact: '0755-88888888' },
        recipient: { name: '承接方珠宝有限公司', contact: '021-66666666', email: recipientEmail, country: 'CN', publicKey: keys.publicKey },
        manager: { name: '王清算', email: managerEmail },
        policy: { waitingPeriod: 'PT0S', consentDeadline: 'PT0S', thirdPartyDeadline: 'P7D', reminders: [], retention: ['cn-pipl.retention.network-logs'] },
      }),
    },
    201,
  );
  await api(`/v1/cases/${caseId}/third-parties`, { method: 'POST', body: JSON.stringify({ name: '快递伙伴', email: thirdPartyEmail, categories: ['contact'] }) }, 201);
  log(`case ${caseId} opened`);

  // Phase changes, from the status read every second.
  const phases: Array<{ phase: string; at: number }> = [];
  let lastView: CaseView | undefined;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      try {
        lastView = await view(caseId);
        if (phases.at(-1)?.phase !== lastView.phase) {
          phases.push({ phase: lastView.phase, at: Date.now() });
          log(`phase ${lastView.phase} · ${JSON.stringify(lastView.counters)}`);
        }
      } catch (error) {
        log(`status read failed: ${String(error)}`);
      }
      await sleep(1000);
    }
  })();
  const gatePending = async (gate: string): Promise<void> => {
    for (let i = 0; ; i++) {
      const v = await view(caseId);
      if (v.gates.some((g) => g.name === gate && g.state === 'pending')) return;
      if (v.status === 'failed') throw new Error(`case failed before the ${gate} gate`);
      if (i % 60 === 59) log(`waiting for the ${gate} gate (phase ${v.phase})`);
      await sleep(1000);
    }
  };
  const approve = async (gate: string): Promise<number> => {
    await gatePending(gate);
    const at = Date.now();
    await api(`/v1/cases/${caseId}/gates/${gate}/approve`, { method: 'POST', body: JSON.stringify({ note: 'bench' }) });
    log(`${gate} gate approved`);
    return at;
  };

  const t0 = Date.now();
  const importId = await admin.uploadInventory(caseId, csvPath, 'text/csv');
  const uploadedAt = Date.now();
  log(`uploaded ${n(csv.bytes / 1e6, 1)} MB in ${n((uploadedAt - t0) / 1000, 1)} s`);
  for (let i = 0; ; i++) {
    const p = await admin.progress(caseId, importId);
    if (p.status === 'done') break;
    if (p.status === 'failed') throw new Error(`import failed: ${p.error ?? ''}`);
    if (i % 10 === 0) log(`import: ${n(p.processed)} rows (${n(p.accepted)} accepted, ${n(p.rejected)} rejected)`);
    await sleep(1000);
  }
  const importedAt = Date.now();
  log(`import done in ${n((importedAt - t0) / 1000, 1)} s`);
  await api(`/v1/cases/${caseId}/start`, { method: 'POST' }, 202);
  const inventoryApprovedAt = await approve('inventory');
  await sink.reset();
  const noticesApprovedAt = await approve('notices');

  // During the mailing: the status read under load, once a tenth of the notices went out.
  let duringMailing: Awaited<ReturnType<typeof statusLoad>> | null = null;
  const expectedMail = (): number => lastView?.counters['notified'] ?? 0;
  for (;;) {
    const stats = await sink.stats();
    const v = await view(caseId);
    if (stats.messages > Math.min(2000, csv.valid / 20) && duringMailing === null && v.phase === 'notification') {
      duringMailing = await statusLoad(adminUrl, token, caseId, args.clients, 10);
      log(`status read during the mailing: p50 ${duringMailing.p50Ms} ms, p99 ${duringMailing.p99Ms} ms, ${duringMailing.perSecond} req/s`);
    }
    if (v.phase !== 'notification' && v.phase !== 'consent' && v.phase !== 'legal-basis') break;
    await sleep(2000);
  }
  const mailing = await sink.stats();
  const mailingSeconds = Math.max(0.001, (mailing.lastAt - noticesApprovedAt) / 1000);
  log(`mailing: ${n(mailing.unique)} messages (${mailing.duplicates} duplicates) in ${n(mailingSeconds, 1)} s → ${n(mailing.unique / mailingSeconds)} msg/s`);

  // Deletion requests from a hash sample of the notified customers (their links kept by the sink).
  let requestsFiled = 0;
  const fileLatencies: number[] = [];
  const resolveLatencies: number[] = [];
  if (args.requests) {
    const sampled = await sink.kept('sample=1');
    let filed = 0;
    const tokens = sampled.map((m) => linkIn(m.raw, 'c')).filter((t): t is string => t !== null);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < tokens.length) {
          const tok = tokens[next++] as string;
          const started = performance.now();
          const res = await fetch(`${portalUrl}/api/c/${tok}/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'delete', message: '请删除我的个人信息' }) });
          fileLatencies.push(performance.now() - started);
          if (res.status === 201 || res.status === 200) filed++;
        }
      }),
    );
    requestsFiled = filed;
    log(`${n(filed)} deletion requests filed through the portal (of ${n(tokens.length)} sampled links; 8 at a time, ${latencySummary(fileLatencies)})`);
  }

  // Handover: approve, the recipient acknowledges, the third party confirms.
  const handoverApprovedAt = await approve('handover');
  const recipientToken = await sink.link(recipientEmail, 'r');
  const ack = await fetch(`${portalUrl}/api/r/${recipientToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ acknowledgedBy: '承接方数据保护负责人' }) });
  if (ack.status !== 200) throw new Error(`recipient acknowledgement: HTTP ${ack.status}`);
  const acknowledgedAt = Date.now();
  log('recipient acknowledged');
  const tpToken = await sink.link(thirdPartyEmail, 't');
  const confirm = await fetch(`${portalUrl}/api/t/${tpToken}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() }) });
  if (confirm.status !== 200) throw new Error(`third-party confirmation: HTTP ${confirm.status}`);
  log('third party confirmed');

  // The manager resolves the deletion requests.
  let resolved = 0;
  if (args.requests) {
    let cursor: string | undefined;
    const ids: string[] = [];
    do {
      const page = await api<{ items: Array<{ id: string; status: string }>; nextCursor?: string | null }>(`/v1/requests?caseId=${caseId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.filter((r) => r.status !== 'done' && r.status !== 'refused').map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const started = performance.now();
          const res = await fetch(`${adminUrl}/v1/requests/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'done' }) });
          resolveLatencies.push(performance.now() - started);
          if (res.status === 200) resolved++;
        }
      }),
    );
    log(`${n(resolved)} deletion requests resolved by the manager (8 at a time, ${latencySummary(resolveLatencies)})`);
  }

  const closureApprovedAt = await approve('closure');
  for (;;) {
    const v = await view(caseId);
    if (v.status === 'closed') break;
    if (v.status === 'failed') throw new Error('case failed during closure');
    await sleep(1000);
  }
  const closedAt = Date.now();
  watching = false;
  await watcher;
  const total = (closedAt - t0) / 1000;
  const finalView = await view(caseId);
  log(`closed ${n(total, 1)} s after the first byte of the upload · ${JSON.stringify(finalView.counters)}`);
  const atEnd = await statusLoad(adminUrl, token, caseId, args.clients, 10);
  log(`status read at the end: p50 ${atEnd.p50Ms} ms, p99 ${atEnd.p99Ms} ms, ${atEnd.perSecond} req/s`);
  const wholeReport = sampler.close(whole);

  // Workflow histories.
  const connection = await Connection.connect({ address: required('TEMPORAL_ADDRESS') });
  const temporal = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' });
  const histories: Record<string, number> = {};
  for await (const wf of temporal.workflow.list()) {
    if (!wf.workflowId.includes(caseId) || wf.historyLength === undefined) continue;
    histories[wf.type] = Math.max(histories[wf.type] ?? 0, wf.historyLength);
  }
  await connection.close();
  const maxHistory = Math.max(0, ...Object.values(histories));

  // Baselines on a sample.
  const sampleRows = Math.min(args.sample, args.customers);
  log(`baselines on ${n(sampleRows)} documents / messages`);
  const samplePath = join(dataDir, `case-baseline-${sampleRows}-${args.seed}-${referenceDate}.csv`);
  if (!existsSync(samplePath)) await writeInventoryCsv({ rows: sampleRows, path: samplePath, encoding: 'gb18030', seed: args.seed + 1, invalidRatio: 0.02, referenceDate, duplicateIds: false, idPrefix: 'B' });
  const baselineCaseId = await admin.openCase('baseline');
  const master = MasterKey.fromBase64(singleMasterKey(secrets.masterKeys));
  const mongo = await connectMongo(mongoUri);
  const driver = await MongoClient.connect(mongoUri);
  const cipher = await new CaseKeyService(mongo, master).require(baselineCaseId);
  const insert = await runInsertBaseline({
    db: driver.db(),
    csvPath: samplePath,
    preparer: new BaselinePreparer({ caseId: baselineCaseId, importId: 'imp_baseline00000000', at: new Date(), cipher, blindIndex: caseBlindIndex(master, baselineCaseId), defaultOffsetMinutes: 480 }),
  });
  await driver.close();
  await mongo.close();
  const mailMean = mailing.bytes / Math.max(1, mailing.messages);
  const mailBase = await mailBaseline(smtpUrl, sink, poolSize, inFlight, Math.min(sampleRows, Math.max(1000, mailing.unique)), mailMean);
  const disposal = await disposalBaseline(mongoUri, sampleRows);

  // Phases from the status read's changes.
  const phaseSeconds: Record<string, number> = {};
  for (const [i, p] of phases.entries()) phaseSeconds[p.phase] = Math.round((((phases[i + 1]?.at ?? closedAt) - p.at) / 1000) * 10) / 10;
  const importSeconds = (importedAt - t0) / 1000;
  const importRate = csv.rows / importSeconds;
  const mailRate = mailing.unique / mailingSeconds;
  const customers = finalView.counters['customers'] ?? csv.valid;
  const deletionSeconds = phaseSeconds['deletion'] ?? NaN;
  const deletionRate = customers / deletionSeconds;
  const ratios = {
    import: importRate / insert.rowsPerSecond,
    mailing: mailRate / mailBase.perSecond,
    deletion: deletionRate / Math.min(disposal.updatePerSecond, disposal.deletePerSecond),
  };
  const peaks = Object.fromEntries(tracked.map((p) => [p.name, mb(wholeReport.peaksReset ? wholeReport.hwmBytes[p.name] : wholeReport.sampledPeakRssBytes[p.name])]));
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    customers: args.customers,
    csv: { rows: csv.rows, valid: csv.valid, invalid: csv.invalid, bytes: csv.bytes, encoding: csv.encoding },
    totalSeconds: Math.round(total * 10) / 10,
    steps: {
      uploadSeconds: (uploadedAt - t0) / 1000,
      importSeconds,
      toInventoryGateSeconds: (inventoryApprovedAt - importedAt) / 1000,
      noticesApprovedAfterSeconds: (noticesApprovedAt - t0) / 1000,
      mailingSeconds,
      handoverApprovedAfterSeconds: (handoverApprovedAt - t0) / 1000,
      acknowledgedAfterSeconds: (acknowledgedAt - t0) / 1000,
      closureApprovedAfterSeconds: (closureApprovedAt - t0) / 1000,
    },
    phaseSeconds,
    rates: { importRowsPerSecond: importRate, mailPerSecond: mailRate, deletionCustomersPerSecond: deletionRate },
    baselines: { insert: { rows: insert.rows, rowsPerSecond: insert.rowsPerSecond }, mail: mailBase, disposal },
    ratios,
    mailing: { ...mailing, seconds: mailingSeconds, poolSize, inFlight, expected: expectedMail() },
    requests: { filed: requestsFiled, resolved, fileLatency: latencySummary(fileLatencies), resolveLatency: latencySummary(resolveLatencies) },
    counters: finalView.counters,
    statusRead: { duringMailing, atEnd, clients: args.clients },
    histories,
    maxHistoryEvents: maxHistory,
    peakRssMb: peaks,
    machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadavg: loadavg(), node: process.version, backend },
    pass: {
      under60Minutes: total < 3600,
      historiesUnder10000: maxHistory < 10_000,
      mailingRatio08: ratios.mailing >= 0.8,
      noDuplicates: mailing.duplicates === 0,
      statusP99: (duringMailing?.p99Ms ?? Infinity) <= 50 && atEnd.p99Ms <= 50,
      workerRss400: (peaks['worker'] ?? Infinity) <= 400,
    },
  };
  const file = join(ROOT, 'bench/results', `case-${summary.date}-${args.customers}.json`);
  writeJson(file, summary);
  log(`written to ${file}`);
  updateMarkdown(join(ROOT, 'docs/benchmarks.md'), summary);
  sampler.stop();
  log(JSON.stringify(summary.pass));
  return Object.values(summary.pass).every(Boolean) ? 0 : 3;
}

function updateMarkdown(path: string, s: { date: string; customers: number; totalSeconds: number; ratios: Record<string, number>; mailing: { unique: number; duplicates: number }; rates: { mailPerSecond: number }; baselines: { mail: { perSecond: number } }; maxHistoryEvents: number; statusRead: { duringMailing: { p99Ms: number } | null; atEnd: { p99Ms: number } }; peakRssMb: Record<string, number>; pass: Record<string, boolean> }): void {
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  const row = `| ${s.date} | ${n(s.customers)} | ${n(s.totalSeconds / 60, 1)} | ${n(s.ratios['import'] ?? NaN, 2)} | ${n(s.rates.mailPerSecond)} / ${n(s.baselines.mail.perSecond)} = ${n(s.ratios['mailing'] ?? NaN, 2)} | ${n(s.ratios['deletion'] ?? NaN, 2)} | ${s.mailing.duplicates} | ${n(s.maxHistoryEvents)} | ${s.statusRead.duringMailing?.p99Ms ?? '—'} / ${s.statusRead.atEnd.p99Ms} | ${s.peakRssMb['worker'] ?? '—'} | ${Object.entries(s.pass).filter(([, ok]) => !ok).map(([k]) => k).join(', ') || 'PASS'} |`;
  const header = '| date | customers | minutes | import ratio | mail msg/s (case / raw = ratio) | deletion ratio | duplicates | max history events | status p99 ms (mailing / end) | worker MB | result |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) {
    writeFileSync(path, `${text.trimEnd()}\n\n## Whole case (issue 13)\n\n${BEGIN}\n${header}\n${row}\n${END}\n`);
    return;
  }
  const rows = text.slice(start + BEGIN.length, end).trim().split('\n').slice(2).filter((l) => l.startsWith('|'));
  writeFileSync(path, `${text.slice(0, start)}${BEGIN}\n${header}\n${[...rows, row].join('\n')}\n${text.slice(end)}`);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** p50 / p99 / max of call latencies in ms, for the log. */
function latencySummary(ms: readonly number[]): string {
  if (ms.length === 0) return 'no calls';
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return `latency p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${(sorted[sorted.length - 1] as number).toFixed(0)} ms`;
}
