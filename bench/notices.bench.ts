/**
 * Customer notices benchmark (issue 4, "Must show" 5). Run through `bash bench/run.sh notices`,
 * which starts a stack of its own (worker, admin API, portal, Temporal, FerretDB, mail sink) and
 * exports its addresses. Steps:
 *  1. a case with N routed customers (default 20,000, every one with an email address, every
 *     mailed route), inserted with the importer's mapper (personal data encrypted);
 *  2. transferCaseWorkflow on the stack's worker: inventory gate, notices gate; timed from the
 *     notices approval to the sink's receipt of the last notice (messages/s);
 *  3. baseline: the same rendered messages (same content, same links: rendered after the workflow
 *     stored the deadlines) sent by a raw pooled nodemailer transport with the worker's pool size
 *     and the same number of messages in flight, to the same sink; timed from the first send to
 *     the last receipt. It runs twice by default and the ratio uses the mean (a shared machine's
 *     load varies from minute to minute);
 *  4. duplicates and losses of every pass counted by the fast discard sink that bench/run.sh starts
 *     in front of the stack (bench/support/discard-sink.ts: per Message-ID; a relay's speed, not
 *     the development inbox's);
 *  5. bench/results/notices-<date>-<N>.json and the table in docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { caseWorkflowId, DEFAULT_TASK_QUEUE, progressQuery, type CaseProgress, type GateName } from '@handover/contracts';
import { loadSecrets, mailInFlight, singleMasterKey } from '@handover/config';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import { renderNotice } from '@handover/mail';
import { CaseKeyService, CaseRepository, connectMongo, decryptCustomerPersonal, syncIndexes, type CustomerDocument } from '@handover/persistence';
import { connectTemporalClient } from '@handover/temporal';
import { makeRoutedCustomers, waitUntil } from '@handover/testing';
import { approveGateAsApi } from '../activities/src/cases/testing/approve-gate-as-api';
import { mailingAudience } from '@handover/domain';
import { buildNoticeModel } from '../activities/src/notification/notice-model';
import { LINK_VALIDITY_AFTER_DEADLINE_MS } from '../activities/src/notification/notification.activities';
import { seedCase, seedRoutedCustomers } from '../activities/src/notification/testing/seed-notice-case';
import { writeJson } from './support/bench-report';
import { DiscardSinkClient, type DeliveryCount } from './support/discard-sink-client';

const ROOT = resolve(__dirname, '..');
const TARGET_RATIO = 0.8;
const BEGIN = '<!-- bench:notices:begin -->';
const END = '<!-- bench:notices:end -->';

const log = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const n = (value: number, digits = 0): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Args {
  customers: number;
  seed: number;
  /** Baseline passes after the workflow pass (the ratio uses their mean). */
  baselineRuns: 1 | 2;
}

const USAGE = 'usage: bash bench/run.sh notices [--customers N] [--seed S] [--baseline-runs 1|2]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { customers: 20_000, seed: 20_26, baselineRuns: 2 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const int = (): number => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive integer\n${USAGE}`);
      i++;
      return parsed;
    };
    if (flag === '--customers') args.customers = int();
    else if (flag === '--seed') args.seed = int();
    else if (flag === '--baseline-runs') {
      const runs = int();
      if (runs !== 1 && runs !== 2) throw new Error(USAGE);
      args.baselineRuns = runs;
    } else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return args;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark through 'bash bench/run.sh notices'`);
  return value;
}

interface PassResult {
  name: string;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  tally: DeliveryCount;
}

function passResult(name: string, startedAt: number, tally: DeliveryCount): PassResult {
  const seconds = Math.max(0.001, (tally.lastAt - startedAt) / 1000);
  return { name, messages: tally.delivered + tally.duplicates, seconds, messagesPerSecond: tally.delivered / seconds, tally };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = required('HANDOVER_DATA_DIR');
  const mongoUri = required('MONGODB_URI');
  const smtpUrl = required('SMTP_URL');
  const sinkApi = required('BENCH_SINK_API');
  const temporalAddress = required('TEMPORAL_ADDRESS');
  const taskQueue = process.env['TEMPORAL_TASK_QUEUE'] ?? DEFAULT_TASK_QUEUE;
  const poolSize = Number(process.env['SMTP_MAX_CONNECTIONS'] ?? 5);
  const inFlight = mailInFlight({ SMTP_MAX_IN_FLIGHT: Number(process.env['SMTP_MAX_IN_FLIGHT'] ?? 0), SMTP_MAX_CONNECTIONS: poolSize }); // what the worker keeps in flight
  const portalUrl = (process.env['PORTAL_URL'] ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');
  const masterKey = singleMasterKey(loadSecrets({ HANDOVER_DATA_DIR: dataDir, HANDOVER_MASTER_KEY: process.env['HANDOVER_MASTER_KEY'] }).masterKeys);
  const master = MasterKey.fromBase64(masterKey);

  const runTag = Date.now().toString(36);
  const caseId = `bench_notices_${runTag}`;
  const emailDomain = `b${runTag}.example`;
  const mongo = await connectMongo(mongoUri);
  const client = await connectTemporalClient({ connection: { TEMPORAL_ADDRESS: temporalAddress }, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default', masterKey });
  const sink = new DiscardSinkClient(sinkApi);
  const cases = new CaseRepository(mongo);

  try {
    // 1. The case and its customers.
    let t = performance.now();
    await seedCase(mongo, master, {
      caseId,
      kind: 'merger',
      recipient: { name: '乙珠宝有限公司', contact: '021-87654321', email: 'dpo@yi.example', country: 'CN' },
      // Real-life periods: after the mailing the workflow sleeps instead of fixing outcomes meanwhile.
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    const specs = makeRoutedCustomers({
      caseId,
      count: args.customers,
      emailDomain,
      seed: args.seed,
      routes: { notice: 50, 'separate-consent': 25, 'guardian-consent': 5, 'notice-of-change': 10, delete: 10 },
      noEmailShare: 0,
    });
    const docs = await seedRoutedCustomers(mongo, master, caseId, specs);
    await syncIndexes(mongo);
    const expected = specs
      .filter((s) => mailingAudience({ route: s.routeFields.route, channels: { email: s.personal.email !== undefined } }, 0) === 'email')
      .map((s) => s.personal.email as string);
    log(`case ${caseId}: ${n(docs.length)} customers, ${n(expected.length)} to mail (seeded in ${n((performance.now() - t) / 1000, 1)} s)`);

    const keys = new CaseKeyService(mongo, master);
    const cipher = await keys.require(caseId);
    const entity = await cases.findById(caseId, cipher);
    if (!entity) throw new Error('case vanished');
    const signer = portalTokenSigner(master);
    const transport = nodemailer.createTransport({
      pool: true,
      host: new URL(smtpUrl).hostname,
      port: Number(new URL(smtpUrl).port || 25),
      secure: false,
      ignoreTLS: true,
      maxConnections: poolSize,
      maxMessages: 500,
      maxRequeues: 0,
    } as Parameters<typeof nodemailer.createTransport>[0]);

    /** The workflow's messages, rendered as the activity renders them (needs the stored deadlines). */
    const renderAll = async (): Promise<Array<{ to: string; subject: string; text: string; html: string }>> => {
      const stored = (await mongo.db?.collection('cases').findOne({ _id: caseId as never }, { projection: { notification: 1 } })) as {
        notification?: { noticeDeadline?: string; consentDeadline?: string };
      } | null;
      const deadlines = {
        noticeDeadline: stored?.notification?.noticeDeadline ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
        consentDeadline: stored?.notification?.consentDeadline ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
      };
      const expiresAt = new Date(Date.parse(deadlines.consentDeadline) + LINK_VALIDITY_AFTER_DEADLINE_MS);
      return docs
        .filter((doc: CustomerDocument) => mailingAudience(doc, 0) === 'email')
        .map((doc) => {
          const personal = decryptCustomerPersonal(doc, cipher);
          const token = signer.sign({ purpose: 'customer', subject: doc.ref, caseId, expiresAt });
          const rendered = renderNotice(
            buildNoticeModel({
              caseFacts: entity,
              customer: { route: doc.route as string, sensitive: doc.sensitive, noticeAdditions: doc.noticeAdditions ?? null, locale: doc.locale ?? null },
              personal,
              deadlines,
              link: `${portalUrl}/c/${token}`,
              reminder: 0,
            }),
          );
          return { to: personal.email as string, subject: rendered.subject, text: rendered.text, html: rendered.html };
        });
    };

    const baseline = async (label: string): Promise<PassResult> => {
      const messages = await renderAll();
      await sink.reset();
      log(`${label}: raw pooled nodemailer, ${poolSize} connections, ${inFlight} in flight, ${n(messages.length)} messages`);
      const startedAt = Date.now();
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < messages.length) {
          const i = next++;
          const m = messages[i] as (typeof messages)[number];
          await transport.sendMail({
            from: process.env['MAIL_FROM'] ?? 'Handover <no-reply@handover.local>',
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            messageId: `<baseline.${label}.${i}.${runTag}@bench.handover.local>`,
          });
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      const result = passResult(label, startedAt, await sink.settle(messages.length, 120_000));
      log(`${label}: ${n(result.messagesPerSecond, 1)} messages/s (${n(result.seconds, 1)} s), losses ${result.tally.losses}, duplicates ${result.tally.duplicates}`);
      return result;
    };

    // 2. The workflow pass.
    const handle = await client.workflow.start('transferCaseWorkflow', { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId }] });
    const approve = async (gate: GateName): Promise<void> => {
      await waitUntil(() => handle.query(progressQuery), (p: CaseProgress) => p.gates.some((g) => g.name === gate && g.state === 'pending'), 600_000, `${gate} gate`);
      await approveGateAsApi(handle, mongo, caseId, gate, 'bench');
    };
    t = performance.now();
    await approve('inventory');
    await waitUntil(() => handle.query(progressQuery), (p: CaseProgress) => p.gates.some((g) => g.name === 'notices' && g.state === 'pending'), 600_000, 'notices gate');
    log(`inventory phase done in ${n((performance.now() - t) / 1000, 1)} s; notices gate pending`);

    await sink.reset();
    const workflowStartedAt = Date.now();
    await approve('notices');
    log(`notices gate approved: mailing ${n(expected.length)} customers through the workflow`);
    let lastLog = Date.now();
    await waitUntil(
      async () => {
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          const { unique } = await sink.stats();
          log(`  ${n(unique)} delivered (${n(unique / ((Date.now() - workflowStartedAt) / 1000), 1)} /s)`);
        }
        return cases.findState(caseId);
      },
      (state) => state !== null && ['consent', 'handover'].includes(state.phase),
      3_600_000,
      'the mailing to finish',
    );
    const workflow = passResult('workflow', workflowStartedAt, await sink.settle(expected.length, 120_000));
    log(`workflow: ${n(workflow.messagesPerSecond, 1)} messages/s (${n(workflow.seconds, 1)} s), losses ${workflow.tally.losses}, duplicates ${workflow.tally.duplicates}`);
    await handle.terminate('benchmark finished');

    // 3. Baselines.
    const baselines: PassResult[] = [];
    for (let run = 1; run <= args.baselineRuns; run++) baselines.push(await baseline(`baseline-${run}`));
    transport.close();

    const baselineRate = baselines.reduce((sum, b) => sum + b.messagesPerSecond, 0) / baselines.length;
    const ratio = workflow.messagesPerSecond / baselineRate;
    const pass = ratio >= TARGET_RATIO && workflow.tally.duplicates === 0 && workflow.tally.losses === 0;
    const date = new Date().toISOString().slice(0, 10);
    const summary = {
      date,
      customers: docs.length,
      messages: expected.length,
      workflow,
      baselines,
      baselineMessagesPerSecond: baselineRate,
      ratio,
      targets: { ratio: TARGET_RATIO, duplicates: 0, losses: 0, pass },
      settings: { smtpPoolConnections: poolSize, messagesInFlight: inFlight, batchSize: 200, ledger: 'group commit' },
      machine: {
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
        backend: process.env['BENCH_BACKEND'] ?? 'unknown',
      },
    };
    const file = join(ROOT, 'bench/results', `notices-${date}-${docs.length}.json`);
    writeJson(file, summary);
    updateMarkdown(join(ROOT, 'docs/benchmarks.md'), summary);
    log(`workflow ${n(workflow.messagesPerSecond, 1)} messages/s; baseline ${n(baselineRate, 1)} messages/s; ratio ${n(ratio, 2)} (target ≥ ${TARGET_RATIO}); duplicates ${workflow.tally.duplicates}, losses ${workflow.tally.losses}: ${pass ? 'PASS' : 'FAIL'}`);
    log(`results: ${file}`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    await client.connection.close().catch(() => undefined);
    await mongo.close();
  }
}

interface MarkdownSummary {
  date: string;
  messages: number;
  workflow: PassResult;
  baselines: PassResult[];
  baselineMessagesPerSecond: number;
  ratio: number;
  targets: { pass: boolean };
  machine: { cores: number; backend: string; loadAverage: number[] };
  settings: { smtpPoolConnections: number; messagesInFlight: number };
}

const HEADER = [
  '| date | messages | workflow s | workflow msg/s | baseline msg/s | ratio | duplicates | losses | baseline dup./losses | pool × in flight | cores | load (1 min) | backend | result |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|',
];

const SECTION = `## Customer notices (issue 4)

\`bash bench/run.sh notices [--customers N]\` (default 20,000) seeds a case whose customers all have
an email address (routes notice, separate-consent, guardian-consent, notice-of-change, delete;
personal data encrypted by the importer's mapper), runs \`transferCaseWorkflow\` on the stack's
worker through the inventory and notices gates, and counts what reaches the mail sink. The
baseline sends the same rendered messages (same text, same links) with a raw pooled nodemailer
transport (the worker's pool size, the same number of messages in flight) to the same sink, twice
after the workflow pass; the ratio uses the mean of the two.

- **workflow s**, **msg/s**: from the notices gate approval to the sink's receipt of the last
  notice (includes the activity's start, the reading and decryption of every customer, rendering,
  signing links, and the send ledger's claim and mark of every message).
- **ratio**: workflow msg/s ÷ baseline msg/s. Target ≥ 0.8, with 0 duplicates and 0 losses.
- **duplicates**, **losses**: counted by the fast discard sink per Message-ID (the ledger's message id, stable across resends).

${BEGIN}
${HEADER.join('\n')}
${END}
`;

function updateMarkdown(path: string, s: MarkdownSummary): void {
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  if (!text.includes(BEGIN) || !text.includes(END)) text = `${text.trimEnd()}\n\n${SECTION}`;
  const start = text.indexOf(BEGIN) + BEGIN.length;
  const end = text.indexOf(END);
  const baselineFaults = s.baselines.map((b) => `${b.tally.duplicates}/${b.tally.losses}`).join(', ');
  const cells = [
    s.date,
    n(s.messages),
    n(s.workflow.seconds, 1),
    n(s.workflow.messagesPerSecond, 1),
    s.baselines.map((b) => n(b.messagesPerSecond, 1)).join(' / ') + (s.baselines.length > 1 ? ` (mean ${n(s.baselineMessagesPerSecond, 1)})` : ''),
    n(s.ratio, 2),
    String(s.workflow.tally.duplicates),
    String(s.workflow.tally.losses),
    baselineFaults,
    `${s.settings.smtpPoolConnections} × ${s.settings.messagesInFlight}`,
    String(s.machine.cores),
    n(s.machine.loadAverage[0] ?? 0, 1),
    s.machine.backend,
    s.targets.pass ? 'PASS' : 'FAIL',
  ];
  const lines = text
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('|') && !HEADER.includes(l));
  lines.push(`| ${cells.join(' | ')} |`);
  text = `${text.slice(0, start)}\n${[...HEADER, ...lines].join('\n')}\n${text.slice(end)}`;
  writeFileSync(path, text);
}

main().catch((error: unknown) => {
  console.error('notices benchmark failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
