/**
 * Workflow-task CPU with and without the tracing interceptors in the workflow bundle (issue 17,
 * "Traces"): replays the saved histories (test/replay/histories) ROUNDS times with each bundle,
 * alternating, no tracer provider registered (tracing off), and prints the process CPU per round.
 * Replay runs every workflow task of a history, so this is the cost the interceptors would add to
 * a worker whose bundle had them while tracing is off. The saved histories were recorded without
 * tracing, so the interceptors pass them through (no patch marker); a run traced from its start
 * (test/e2e/traces.e2e-spec.ts leaves one in <data dir>/histories/) is where they make spans. Needs
 * no stack:
 *   node -r ./infra/register.js bench/workflow-bundle-cpu.ts [ROUNDS] [more .history.json files]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Runtime, Worker } from '@temporalio/worker';
import { handoverDataConverter } from '@handover/temporal';
import { TEST_MASTER_KEY } from '@handover/testing';
import { loadWorkflowBundle } from '../services/worker/src/workflow-bundle';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 10);
  const extra = process.argv.slice(3);
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  const dir = join(__dirname, '..', 'test', 'replay', 'histories');
  const cacheDir = process.env['HANDOVER_DATA_DIR'] ?? '.data/bench';
  const read = (files: string[]) => files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(readFileSync(file, 'utf8'))) }));
  // The saved histories are encrypted with the tests' fixed key; the extra ones with the data directory's.
  const groups = [
    { histories: read(readdirSync(dir).filter((name) => name.endsWith('.history.json')).map((name) => join(dir, name))), masterKey: TEST_MASTER_KEY },
    ...(extra.length > 0 ? [{ histories: read(extra), masterKey: readFileSync(join(cacheDir, 'secrets', 'master.key'), 'utf8').trim() }] : []),
  ];
  const bundles = { plain: await loadWorkflowBundle(cacheDir), traced: await loadWorkflowBundle(cacheDir, { tracing: true }) };
  const cpu: Record<keyof typeof bundles, number[]> = { plain: [], traced: [] };
  const replay = async (kind: keyof typeof bundles): Promise<void> => {
    const before = process.cpuUsage();
    for (const group of groups) {
      for await (const result of Worker.runReplayHistories({ workflowBundle: bundles[kind], dataConverter: handoverDataConverter(group.masterKey) }, group.histories)) {
        if (result.error) throw result.error;
      }
    }
    const used = process.cpuUsage(before);
    cpu[kind].push((used.user + used.system) / 1000);
  };
  await replay('plain'); // warm-up, not counted
  await replay('traced');
  cpu.plain.length = 0;
  cpu.traced.length = 0;
  for (let round = 0; round < rounds; round++) {
    for (const kind of round % 2 === 0 ? (['plain', 'traced'] as const) : (['traced', 'plain'] as const)) await replay(kind);
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const histories = groups.flatMap((group) => group.histories);
  const events = histories.reduce((sum, h) => sum + (h.history.events?.length ?? 0), 0);
  console.log(JSON.stringify({ histories: histories.length, events, rounds, medianCpuMs: { plain: median(cpu.plain), traced: median(cpu.traced) }, cpuMs: cpu }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
