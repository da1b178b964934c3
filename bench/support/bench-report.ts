/**
 * Results of a benchmark run: the JSON file under bench/results/ and the summary table in
 * docs/benchmarks.md (one line per date and row count; a rerun replaces its line).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface InventoryBenchSummary {
  date: string;
  rows: number;
  /** '' for the standard file; otherwise what differs (e.g. 'no duplicate IDs'). */
  variant: string;
  /** 'done', or why the bench stopped waiting ('timeout at 212,000 rows'). */
  outcome: string;
  /** End to end: from the start of the upload to the import's `done`. */
  seconds: number;
  rowsPerSecond: number;
  baselineRowsPerSecond: number | null;
  ratio: number | null;
  /** Peak RSS (MB) per process during the import. */
  peakRssMb: Record<string, number>;
  machine: { cores: number; memoryGb: number; node: string; backend: string };
  targets: { ratio: { min: number; pass: boolean | null }; workerRssMb: { max: number; pass: boolean | null } };
}

const BEGIN = '<!-- bench:inventory:begin -->';
const END = '<!-- bench:inventory:end -->';
const PROCESSES = ['worker', 'admin-api', 'portal', 'ferretdb', 'temporal', 'bench'] as const;

const HEADER = [
  '| date | rows | seconds | rows/s | baseline rows/s | ratio | worker MB | admin-api MB | portal MB | ferretdb MB | temporal MB | bench MB | cores | memory | Node | backend | result |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
];

const INTRO = `# Benchmarks

Figures measured by \`npm run bench -- <name>\` (\`bash bench/run.sh <name>\`). Each run starts a stack
of its own (data in \`.data/bench\`, PostgreSQL database \`handover_bench\` dropped first, ports
17333/37117/11125/18125/13100–13102), so it can run beside \`npm start\` and \`npm test\`. Full
results, with CPU seconds per process and the run's settings, are in \`bench/results/\`.

## Inventory import (issue 3)

\`bash bench/run.sh inventory [--rows N]\` (default 1,000,000; \`--help\` lists the options) generates
a GBK, CRLF, Chinese-header CSV (\`writeInventoryCsv\` in libs/testing: 2 % invalid rows, an eighth
of them repeating an earlier customer ID), times the raw-driver baseline (the same encrypted
customer and quarantine documents, built with the project's mapper \`toCustomerDocument\` and
inserted with \`insertMany(batch of 1000, { ordered: false })\` into scratch collections carrying the
same indexes), then streams the file to \`POST /v1/cases/{id}/inventory\` and polls the import to
\`done\`, checking the accepted and rejected counts against the generator's.

- **seconds**, **rows/s**: end to end, from the first byte of the upload to \`status: done\`.
- **ratio**: import rows/s ÷ baseline rows/s (inserts only). Target ≥ 0.7.
- **MB**: peak RSS during the import (VmHWM, reset when the import starts). Target: worker ≤ 400 MB.
- The JSON result also has CPU seconds per process (PostgreSQL backends included), the time each
  process spent waiting for a CPU, and the **cpu-cost ratio**: baseline insert CPU per row ÷ import
  CPU per row over the stack — what the throughput ratio tends to on a CPU-bound machine, and much
  less sensitive than the wall-clock ratio to other load on a shared machine.
- \`BENCH_PRIVATE_PG=1\` runs a PostgreSQL cluster of the bench's own (same settings as the machine's)
  when the shared server has no connection left; \`BENCH_SERVICES_NODE_OPTIONS\` passes V8 flags to
  the worker, admin API and portal.

${BEGIN}
${HEADER.join('\n')}
${END}
`;

const fmt = (n: number | null, digits = 0): string => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

const rowsCell = (s: Pick<InventoryBenchSummary, 'rows' | 'variant'>): string => fmt(s.rows) + (s.variant ? ` (${s.variant})` : '');

function tableLine(s: InventoryBenchSummary): string {
  const pass = s.outcome === 'done' && s.targets.ratio.pass !== false && s.targets.workerRssMb.pass !== false;
  const verdict = s.targets.ratio.pass === null ? `RSS ${s.targets.workerRssMb.pass ? 'PASS' : 'FAIL'} (no baseline)` : pass ? 'PASS' : 'FAIL';
  const cells = [
    s.date,
    rowsCell(s),
    fmt(s.seconds, 1),
    fmt(s.rowsPerSecond),
    fmt(s.baselineRowsPerSecond),
    fmt(s.ratio, 2),
    ...PROCESSES.map((p) => fmt(s.peakRssMb[p] ?? null)),
    String(s.machine.cores),
    `${fmt(s.machine.memoryGb)} GB`,
    s.machine.node,
    s.machine.backend,
    verdict + (s.outcome === 'done' ? '' : ` (${s.outcome})`),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** Inserts or replaces the run's line (same date, rows and backend) in the table of docs/benchmarks.md. */
export function updateBenchmarksMarkdown(path: string, summary: InventoryBenchSummary): void {
  let text = existsSync(path) ? readFileSync(path, 'utf8') : INTRO;
  if (!text.includes(BEGIN) || !text.includes(END)) text = `${text.trimEnd()}\n\n${INTRO.slice(INTRO.indexOf('## Inventory'))}`;
  const start = text.indexOf(BEGIN) + BEGIN.length;
  const end = text.indexOf(END);
  const key = `| ${summary.date} | ${rowsCell(summary)} |`;
  const lines = text
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('|') && !HEADER.includes(l) && !(l.startsWith(key) && l.includes(`| ${summary.machine.backend} |`)));
  lines.push(tableLine(summary));
  text = `${text.slice(0, start)}\n${[...HEADER, ...lines].join('\n')}\n${text.slice(end)}`;
  writeFileSync(path, text);
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
