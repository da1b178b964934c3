/**
 * Status-read benchmark (issue 13, Must show 3): `GET /v1/cases/{id}` under 20 closed-loop clients
 * (no think time) for 10 s, while the database holds a case of N customers (default 1,000,000)
 * and 1,000 other cases. Run with `bash bench/run.sh status [--customers N] [--cases N] [--seconds S]`.
 *
 * The big case is opened through the API; its customers are inserted with the driver (minimal
 * documents: what the read costs does not depend on their shape), then recounted once (a phase
 * end's cost, reported). Result: bench/results/status-<date>-<N>.json and a row in docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { connectMongo, CaseStatisticsRepository } from '@handover/persistence';
import { AdminClient } from './support/admin-client';
import { writeJson } from './support/bench-report';

interface Args {
  customers: number;
  cases: number;
  clients: number;
  seconds: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { customers: 1_000_000, cases: 1_000, clients: 20, seconds: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, raw] = [argv[i], argv[i + 1]];
    const value = Number(String(raw).replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer (got ${String(raw)})`);
    if (flag === '--customers') args.customers = value;
    else if (flag === '--cases') args.cases = value;
    else if (flag === '--clients') args.clients = value;
    else if (flag === '--seconds') args.seconds = value;
    else throw new Error(`unknown option ${String(flag)}; usage: bash bench/run.sh status [--customers N] [--cases N] [--clients N] [--seconds S]`);
  }
  return args;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log('usage: bash bench/run.sh status [--customers N (1,000,000)] [--cases N (1,000)] [--clients N (20)] [--seconds S (10)]');
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const adminUrl = process.env['ADMIN_URL'] ?? 'http://127.0.0.1:13100';
  const dataDir = process.env['HANDOVER_DATA_DIR'] ?? '.data/bench';
  const token = process.env['HANDOVER_ADMIN_TOKEN'] ?? readFileSync(join(dataDir, 'secrets', 'admin.token'), 'utf8').trim();
  const mongoUri = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:37117/handover';
  const admin = new AdminClient(adminUrl, token);
  const log = (line: string): void => console.log(`[bench status] ${line}`);

  const started = Date.now();
  const bigCase = await admin.openCase('status');
  for (let i = 0; i < args.cases; i += 1) {
    await admin.openCase(`other-${i}`);
    if ((i + 1) % 200 === 0) log(`${i + 1} / ${args.cases} other cases opened`);
  }
  const client = await MongoClient.connect(mongoUri);
  const customers = client.db().collection<{ _id: string; caseId: string; route: string }>('customers');
  const insertStarted = Date.now();
  const batch = 5_000;
  for (let from = 0; from < args.customers; from += batch) {
    const docs = Array.from({ length: Math.min(batch, args.customers - from) }, (_, i) => ({
      _id: `${bigCase}:${String(from + i).padStart(8, '0')}`,
      caseId: bigCase,
      route: (from + i) % 20 === 0 ? 'hold' : 'notice',
    }));
    await customers.insertMany(docs, { ordered: false });
    if ((from / batch) % 20 === 0) log(`${from + docs.length} / ${args.customers} customers inserted`);
  }
  const insertSeconds = (Date.now() - insertStarted) / 1000;
  const mongo = await connectMongo(mongoUri);
  const recountStarted = Date.now();
  const recounted = await new CaseStatisticsRepository(mongo).recountAndRecord(bigCase);
  const recountSeconds = (Date.now() - recountStarted) / 1000;
  log(`recount of ${recounted.customers} customers: ${recountSeconds.toFixed(1)} s (a phase end's cost, never a read's)`);
  // Wait for the projector to fold the recount in.
  for (let waited = 0; ; waited += 500) {
    const res = await fetch(`${adminUrl}/v1/cases/${bigCase}`, { headers: { authorization: `Bearer ${token}` } });
    const view = (await res.json()) as { counters: { customers: number } };
    if (view.counters.customers === args.customers) break;
    if (waited > 60_000) throw new Error(`the status never showed ${args.customers} customers`);
    await new Promise((r) => setTimeout(r, 500));
  }

  const latencies: number[] = [];
  const errors: string[] = [];
  const deadline = Date.now() + args.seconds * 1000;
  await Promise.all(
    Array.from({ length: args.clients }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const res = await fetch(`${adminUrl}/v1/cases/${bigCase}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors.push(String(res.status));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const summary = {
    date: new Date().toISOString().slice(0, 10),
    customers: args.customers,
    otherCases: args.cases,
    clients: args.clients,
    seconds: args.seconds,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / args.seconds),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
    errors: errors.length,
    insertSeconds: Math.round(insertSeconds),
    recountSeconds: Math.round(recountSeconds * 10) / 10,
    totalSeconds: Math.round((Date.now() - started) / 1000),
    backend: process.env['BENCH_BACKEND'] ?? 'unknown',
    node: process.version,
    pass: errors.length === 0 && percentile(latencies, 99) <= 50,
  };
  const file = join('bench/results', `status-${summary.date}-${args.customers}.json`);
  writeJson(file, summary);
  log(JSON.stringify(summary));
  log(`written to ${file}`);
  await client.close();
  await mongo.close();
  process.exitCode = summary.pass ? 0 : 3;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
