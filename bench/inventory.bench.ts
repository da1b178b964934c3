/**
 * Inventory import benchmark (issue 3, "Must show" 5). Run through `bash bench/run.sh inventory`,
 * which starts a stack of its own and exports its addresses. Steps:
 *  1. generate a GBK, CRLF, Chinese-header CSV (writeInventoryCsv) into the bench data dir;
 *  2. open a case through the admin API;
 *  3. raw-driver baseline: the same encrypted documents, insertMany in batches, inserts timed only;
 *  4. stream the file to POST /v1/cases/{id}/inventory, poll progress to `done`, a line every ~10 s;
 *  5. all along: RSS and CPU of every process of the stack (and of PostgreSQL) from /proc;
 *  6. write bench/results/inventory-<date>[-<rows>rows].json and the table in docs/benchmarks.md;
 *     print the ratio and the worker's peak RSS against the targets.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { loadSecrets, singleMasterKey } from '@handover/config';
import { MasterKey } from '@handover/crypto';
import { caseBlindIndex, CaseKeyService, connectMongo, INVENTORY_IMPORT_COLLECTION } from '@handover/persistence';
import { writeInventoryCsv, type InventoryCsvSummary } from '@handover/testing';
import { AdminClient, type ImportProgress } from './support/admin-client';
import { BaselinePreparer } from './support/baseline-documents';
import { parseBenchArgs, USAGE, type InventoryBenchArgs } from './support/bench-args';
import { updateBenchmarksMarkdown, writeJson, type InventoryBenchSummary } from './support/bench-report';
import { runInsertBaseline, type BaselineResult } from './support/insert-baseline';
import { cpuLine, mb, ProcessSampler, readMemory, starvationLine, type TrackedProcess, type WindowReport } from './support/process-sampler';

const ROOT = resolve(__dirname, '..');
const TARGET_RATIO = 0.7;
const TARGET_WORKER_RSS_MB = 400;
/** CN-PIPL: datetimes without an offset are Beijing time (as the importer reads them). */
const CN_OFFSET_MINUTES = 480;

const n = (value: number): string => Math.round(value).toLocaleString('en-US');
const log = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark through 'bash bench/run.sh inventory'`);
  return value;
}

function trackedProcesses(runDir: string): TrackedProcess[] {
  const tracked: TrackedProcess[] = [];
  for (const file of readdirSync(runDir).filter((f) => f.endsWith('.pid')).sort()) {
    const pid = Number(readFileSync(join(runDir, file), 'utf8').trim());
    if (Number.isInteger(pid) && readMemory(pid)) tracked.push({ name: basename(file, '.pid'), pid });
  }
  tracked.push({ name: 'bench', pid: process.pid });
  return tracked;
}

/** Other Temporal / FerretDB servers on the machine (other stacks share the CPU). */
function otherStacks(tracked: readonly TrackedProcess[]): number {
  const ours = new Set(tracked.map((p) => p.pid));
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || ours.has(Number(entry))) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (/temporal server start-dev|\/ferretdb /.test(cmd)) count++;
    } catch {
      // gone
    }
  }
  return count;
}

async function generate(args: InventoryBenchArgs, dataDir: string): Promise<InventoryCsvSummary & { seconds: number; reused: boolean }> {
  const path = join(dataDir, `inventory-${args.rows}-s${args.seed}-r${args.invalidRatio}-${args.encoding}${args.duplicateIds ? '' : '-nodup'}.csv`);
  const sidecar = `${path}.json`;
  if (args.reuseFile && existsSync(path) && existsSync(sidecar)) {
    log(`reusing ${path}`);
    return { ...(JSON.parse(readFileSync(sidecar, 'utf8')) as InventoryCsvSummary), seconds: 0, reused: true };
  }
  const started = performance.now();
  let lastLog = started;
  const summary = await writeInventoryCsv({
    rows: args.rows,
    path,
    encoding: args.encoding,
    seed: args.seed,
    invalidRatio: args.invalidRatio,
    duplicateIds: args.duplicateIds,
    onProgress: (written) => {
      if (performance.now() - lastLog < 10_000) return;
      lastLog = performance.now();
      log(`[generate] ${n(written)} / ${n(args.rows)} rows`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(sidecar, JSON.stringify(summary, null, 2));
  log(`[generate] ${n(summary.rows)} rows (${n(summary.invalid)} invalid, ${n(summary.minors)} minors), ${mb(summary.bytes)} MB ${args.encoding} in ${seconds.toFixed(1)} s`);
  return { ...summary, seconds, reused: false };
}

/** `done`/`failed`: the import's own status; the others: the bench gave up waiting. */
type ImportOutcome = 'done' | 'failed' | 'timeout' | 'stalled' | 'worker-exited';

interface ImportRun {
  importId: string;
  outcome: ImportOutcome;
  seconds: number;
  uploadSeconds: number;
  queuedSeconds: number | null;
  importSeconds: number | null;
  progress: ImportProgress;
  timeline: Array<{ t: number; processed: number }>;
  window: WindowReport;
}

async function runImport(args: InventoryBenchArgs, admin: AdminClient, sampler: ProcessSampler, db: Db, caseId: string, csv: InventoryCsvSummary): Promise<ImportRun> {
  const window = sampler.open({ resetPeaks: true });
  const startedAt = Date.now();
  const importId = await admin.uploadInventory(caseId, csv.path);
  const uploadSeconds = (Date.now() - startedAt) / 1000;
  log(`[import] uploaded ${mb(csv.bytes)} MB in ${uploadSeconds.toFixed(1)} s (${(mb(csv.bytes) / Math.max(uploadSeconds, 0.001)).toFixed(0)} MB/s); import ${importId}`);

  const timeline: Array<{ t: number; processed: number }> = [];
  const worker = sampler.tracked.find((p) => p.name === 'worker');
  const deadline = startedAt + args.timeoutMinutes * 60_000;
  let interval = sampler.open();
  let last = { t: Date.now(), processed: 0 };
  let lastMove = Date.now();
  let progress: ImportProgress;
  let outcome: ImportOutcome;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    progress = await admin.progress(caseId, importId);
    if (progress.processed !== last.processed) lastMove = Date.now();
    if (progress.status === 'done' || progress.status === 'failed') {
      outcome = progress.status;
      break;
    }
    // Giving up still reports what was measured so far (rates, RSS, CPU): the figures explain why.
    if (worker && !readMemory(worker.pid)) {
      log('[import] the worker exited during the import (see .data/bench/logs/worker.log)');
      outcome = 'worker-exited';
      break;
    }
    if (Date.now() > deadline) {
      log(`[import] not done after ${args.timeoutMinutes} min (${n(progress.processed)} rows processed): giving up`);
      outcome = 'timeout';
      break;
    }
    if (Date.now() - lastMove > args.stallSeconds * 1000) {
      log(`[import] stalled: no progress for ${args.stallSeconds} s (status ${progress.status}, ${n(progress.processed)} rows): giving up`);
      outcome = 'stalled';
      break;
    }
    if (Date.now() - last.t >= 10_000) {
      const report = sampler.close(interval);
      interval = sampler.open();
      const now = Date.now();
      const rate = ((progress.processed - last.processed) * 1000) / (now - last.t);
      const avg = (progress.processed * 1000) / (now - startedAt);
      timeline.push({ t: Math.round((now - startedAt) / 1000), processed: progress.processed });
      log(
        `[import] ${n(progress.processed)} / ${n(csv.rows)} rows (${((progress.processed / csv.rows) * 100).toFixed(1)} %) · ` +
          `${n(rate)} rows/s now, ${n(avg)} avg · worker ${mb(sampler.memory('worker')?.rssBytes)} MB · cpu ${cpuLine(report)} · ${starvationLine(report)}`,
      );
      last = { t: now, processed: progress.processed };
    }
  }
  sampler.close(interval);
  const report = sampler.close(window);
  // Exact times from the import document (the poll above has a 1 s grain).
  const doc = await db.collection(INVENTORY_IMPORT_COLLECTION).findOne({ _id: importId as never });
  const date = (v: unknown): number | null => (v instanceof Date ? v.getTime() : null);
  const finishedAt = (outcome === 'done' ? date(doc?.['finishedAt']) : null) ?? Date.now();
  const importStart = date(doc?.['startedAt']);
  const created = date(doc?.['createdAt']);
  return {
    importId,
    outcome,
    seconds: (finishedAt - startedAt) / 1000,
    uploadSeconds,
    queuedSeconds: importStart !== null && created !== null ? (importStart - created) / 1000 : null,
    importSeconds: importStart !== null ? (finishedAt - importStart) / 1000 : null,
    progress,
    timeline,
    window: report,
  };
}

async function baseline(args: InventoryBenchArgs, sampler: ProcessSampler, uri: string, caseId: string, masterKey: string, csv: InventoryCsvSummary) {
  const master = MasterKey.fromBase64(masterKey);
  const connection = await connectMongo(uri);
  const client = await MongoClient.connect(uri);
  try {
    const cipher = await new CaseKeyService(connection, master).require(caseId);
    const preparer = new BaselinePreparer({
      caseId,
      importId: 'imp_baseline00000000', // as long as a real import id
      at: new Date(),
      cipher,
      blindIndex: caseBlindIndex(master, caseId),
      defaultOffsetMinutes: CN_OFFSET_MINUTES,
    });
    const window = sampler.open({ resetPeaks: true });
    const result = await runInsertBaseline({
      db: client.db(),
      csvPath: csv.path,
      preparer,
      batchSize: args.batchSize,
      keepCollections: args.keepBaseline,
      onProgress: (rows, insertSeconds) => log(`[baseline] ${n(rows)} / ${n(csv.rows)} rows inserted · ${n(rows / Math.max(insertSeconds, 0.001))} rows/s (inserts only)`),
    });
    const report = sampler.close(window);
    log(
      `[baseline] ${n(result.rows)} documents (${n(result.customers)} customers, ${n(result.rejections)} quarantined) in ${result.insertSeconds.toFixed(1)} s of insertMany ` +
        `→ ${n(result.rowsPerSecond)} rows/s (preparing them took ${result.prepareSeconds.toFixed(1)} s, not counted) · cpu ${cpuLine(report)} · ${starvationLine(report)}`,
    );
    return { result, window: report };
  } finally {
    await client.close();
    await connection.close();
  }
}

/**
 * CPU seconds per row the stack spent on each side: the import (every process of the stack) and
 * the baseline's inserts (FerretDB, PostgreSQL and the driver inside insertMany; preparing the
 * documents is not counted, as in the timed baseline). Their ratio is what the throughput ratio
 * tends to when the machine's CPU is the bottleneck and both phases get the same share of it, so
 * it is far less sensitive to other load on a shared machine than the wall-clock ratio.
 */
function cpuCost(run: ImportRun, base: { result: BaselineResult; window: WindowReport } | undefined, rows: number) {
  const sum = (cpu: Record<string, number>, groups: (group: string) => boolean): number =>
    Object.entries(cpu).reduce((total, [group, seconds]) => total + (groups(group) ? seconds : 0), 0);
  const stack = (group: string): boolean => group !== 'others' && group !== 'bench' && group !== 'mail-sink' && group !== 'portal';
  const importMicrosPerRow = (sum(run.window.cpuSeconds, stack) / rows) * 1e6;
  if (!base) return { importMicrosPerRow, baselineInsertMicrosPerRow: null, ratio: null };
  const server = sum(base.window.cpuSeconds, (g) => g === 'ferretdb' || g.startsWith('postgres'));
  const baselineInsertMicrosPerRow = ((server + base.result.driverCpuSeconds) / base.result.rows) * 1e6;
  return { importMicrosPerRow, baselineInsertMicrosPerRow, ratio: baselineInsertMicrosPerRow / importMicrosPerRow };
}

function processTable(names: string[], phases: Record<string, WindowReport | undefined>, startup: Record<string, number>) {
  const table: Record<string, Record<string, number | null>> = {};
  for (const name of names) {
    const peak = (w: WindowReport | undefined): number | null => (w ? mb(w.peaksReset ? w.hwmBytes[name] : w.sampledPeakRssBytes[name]) : null);
    const cpu = (w: WindowReport | undefined): number | null => (w ? Math.round((w.cpuSeconds[name] ?? 0) * 10) / 10 : null);
    table[name] = {
      startupPeakMb: mb(startup[name]),
      importPeakMb: peak(phases['import']),
      importSampledMaxMb: phases['import'] ? mb(phases['import'].sampledPeakRssBytes[name]) : null,
      importCpuSeconds: cpu(phases['import']),
      baselinePeakMb: peak(phases['baseline']),
      baselineCpuSeconds: cpu(phases['baseline']),
    };
  }
  return table;
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  const dataDir = resolve(required('HANDOVER_DATA_DIR'));
  const uri = required('MONGODB_URI');
  const backend = process.env['BENCH_BACKEND'] ?? 'unknown';
  const servicesNodeOptions = process.env['BENCH_SERVICES_NODE_OPTIONS'] ?? '';
  const pgDb = /PostgreSQL/.test(backend) ? (process.env['HANDOVER_PG_DB'] ?? null) : null;
  const secrets = loadSecrets({ HANDOVER_DATA_DIR: dataDir, HANDOVER_MASTER_KEY: process.env['HANDOVER_MASTER_KEY'], HANDOVER_ADMIN_TOKEN: process.env['HANDOVER_ADMIN_TOKEN'] });
  const admin = new AdminClient(required('ADMIN_URL'), secrets.adminToken);

  const tracked = trackedProcesses(join(dataDir, 'run'));
  const sampler = new ProcessSampler(tracked, pgDb);
  const startup = Object.fromEntries(tracked.map((p) => [p.name, readMemory(p.pid)?.hwmBytes ?? 0]));
  const machine = {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: release(),
    backend,
    servicesNodeOptions,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    otherStacksRunning: otherStacks(tracked),
  };
  log(`inventory benchmark: ${n(args.rows)} rows, seed ${args.seed}, ${args.invalidRatio * 100} % invalid, ${args.encoding}; baseline ${args.baseline}`);
  log(`machine: ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${backend}; load ${machine.loadAverageAtStart.join(' ')}; other Temporal/FerretDB servers running: ${machine.otherStacksRunning}`);
  log(`processes: ${tracked.map((p) => `${p.name} ${p.pid}`).join(', ')}`);
  sampler.start(1000);

  const csv = await generate(args, dataDir);
  const caseId = await admin.openCase(new Date().toISOString().slice(0, 16));
  log(`case ${caseId} opened`);
  const mongo = await MongoClient.connect(uri);
  let base: { result: BaselineResult; window: WindowReport } | undefined;
  let run: ImportRun;
  try {
    if (args.baseline === 'first') base = await baseline(args, sampler, uri, caseId, singleMasterKey(secrets.masterKeys), csv);
    run = await runImport(args, admin, sampler, mongo.db(), caseId, csv);
    if (args.baseline === 'last') base = await baseline(args, sampler, uri, caseId, singleMasterKey(secrets.masterKeys), csv);
  } finally {
    await mongo.close();
    sampler.stop();
  }

  const { progress } = run;
  const complete = run.outcome === 'done';
  // An incomplete run is reported at the rate it reached (rows processed so far).
  const rowsPerSecond = (complete ? csv.rows : progress.processed) / run.seconds;
  const baselineRowsPerSecond = base ? base.result.rowsPerSecond : null;
  const ratio = baselineRowsPerSecond ? rowsPerSecond / baselineRowsPerSecond : null;
  const processes = processTable(tracked.map((p) => p.name), { import: run.window, baseline: base?.window }, startup);
  const workerPeak = processes['worker']?.['importPeakMb'] ?? null;
  const cost = cpuCost(run, base, complete ? csv.rows : Math.max(progress.processed, 1));
  const counts = {
    expected: { processed: csv.rows, accepted: csv.valid, rejected: csv.invalid },
    actual: { processed: progress.processed, accepted: progress.accepted, rejected: progress.rejected, unchanged: progress.unchanged },
  };
  const countsMatch = progress.processed === csv.rows && progress.accepted === csv.valid && progress.rejected === csv.invalid;
  const targets = {
    ratio: { min: TARGET_RATIO, pass: ratio === null ? null : complete && ratio >= TARGET_RATIO },
    workerRssMb: { max: TARGET_WORKER_RSS_MB, pass: workerPeak === null ? null : workerPeak <= TARGET_WORKER_RSS_MB },
  };
  const date = new Date().toISOString().slice(0, 10);
  const summary: InventoryBenchSummary = {
    date,
    rows: csv.rows,
    variant: [args.duplicateIds ? '' : 'no duplicate IDs', servicesNodeOptions ? `services ${servicesNodeOptions}` : ''].filter(Boolean).join(', '),
    outcome: complete ? 'done' : `${run.outcome} at ${n(progress.processed)} rows`,
    seconds: Math.round(run.seconds * 10) / 10,
    rowsPerSecond: Math.round(rowsPerSecond),
    baselineRowsPerSecond: baselineRowsPerSecond === null ? null : Math.round(baselineRowsPerSecond),
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    peakRssMb: Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, p['importPeakMb'] ?? 0])),
    machine: { cores: machine.cores, memoryGb: Math.round(machine.memoryGb), node: machine.node, backend },
    targets,
  };
  // One file per variant of the day: rows, file, services' V8 flags, baseline skipped.
  const flags = servicesNodeOptions.replace(/--max-old-space-size=(\d+)/, 'heap$1').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const suffix =
    (csv.rows === 1_000_000 ? '' : `-${csv.rows}rows`) + (args.duplicateIds ? '' : '-nodup') + (flags ? `-${flags}` : '') + (base ? '' : '-nobaseline');
  const resultPath = join(ROOT, 'bench', 'results', `inventory-${date}${suffix}.json`);
  writeJson(resultPath, {
    bench: 'inventory',
    finishedAt: new Date().toISOString(),
    args,
    machine,
    file: { ...csv, path: basename(csv.path) },
    import: {
      outcome: run.outcome,
      status: progress.status,
      ...(progress.error && { error: progress.error }),
      seconds: run.seconds,
      rowsPerSecond,
      uploadSeconds: run.uploadSeconds,
      queuedSeconds: run.queuedSeconds,
      importSeconds: run.importSeconds,
      importOnlyRowsPerSecond: run.importSeconds ? csv.rows / run.importSeconds : null,
      counts,
      countsMatch,
      timeline: run.timeline,
      cpuSeconds: run.window.cpuSeconds,
      machineBusyCores: run.window.machineBusyCores,
      runQueueWaitSeconds: run.window.runQueueWaitSeconds,
      cpuPressure: run.window.cpuPressure,
    },
    baseline: base
      ? {
          ...base.result,
          cpuSeconds: base.window.cpuSeconds,
          machineBusyCores: base.window.machineBusyCores,
          runQueueWaitSeconds: base.window.runQueueWaitSeconds,
          cpuPressure: base.window.cpuPressure,
        }
      : null,
    ratio,
    cpuCost: cost,
    processes,
    targets,
    summary,
  });
  updateBenchmarksMarkdown(join(ROOT, 'docs', 'benchmarks.md'), summary);

  const verdict = (pass: boolean | null): string => (pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL');
  console.log('');
  log(`import ${run.outcome}: ${n(progress.processed)} rows, ${n(progress.accepted)} accepted, ${n(progress.rejected)} rejected, ${n(progress.unchanged)} unchanged` +
    ` — ${countsMatch ? 'exactly as generated' : `EXPECTED ${n(csv.valid)} accepted / ${n(csv.invalid)} rejected`}`);
  log(`import: ${run.seconds.toFixed(1)} s ${complete ? 'end to end' : 'until the bench gave up'} (upload ${run.uploadSeconds.toFixed(1)} s, queued ${run.queuedSeconds?.toFixed(1) ?? '?'} s, import ${run.importSeconds?.toFixed(1) ?? '?'} s) → ${n(rowsPerSecond)} rows/s; cpu ${cpuLine(run.window, 8)} · ${starvationLine(run.window)}`);
  log(`baseline: ${baselineRowsPerSecond === null ? 'skipped' : `${n(baselineRowsPerSecond)} rows/s`}`);
  log(`peak RSS during the import (MB): ${Object.entries(processes).map(([name, p]) => `${name} ${p['importPeakMb']}`).join(', ')}`);
  log(
    `cpu per row: import ${n(cost.importMicrosPerRow)} µs over the stack, baseline inserts ${cost.baselineInsertMicrosPerRow === null ? 'n/a' : `${n(cost.baselineInsertMicrosPerRow)} µs`}` +
      ` → cpu-cost ratio ${cost.ratio === null ? 'n/a' : cost.ratio.toFixed(2)} (the throughput ratio of a CPU-bound machine; machine busy ${run.window.machineBusyCores.toFixed(2)} cores, ${n(run.window.cpuSeconds['others'] ?? 0)} CPU-s by other processes during the import)`,
  );
  log(`ratio ${ratio === null ? 'n/a' : ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}): ${verdict(targets.ratio.pass)}`);
  log(`worker peak RSS ${workerPeak ?? 'n/a'} MB (target ≤ ${TARGET_WORKER_RSS_MB} MB; at start-up ${processes['worker']?.['startupPeakMb'] ?? '?'} MB): ${verdict(targets.workerRssMb.pass)}`);
  log(`results: ${resultPath}; table: docs/benchmarks.md`);
  if (!complete || !countsMatch) return 1;
  return args.strict && (targets.ratio.pass === false || targets.workerRssMb.pass === false) ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Error && error.message === USAGE) {
      console.log(USAGE);
      process.exit(0);
    }
    console.error(`[bench] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
