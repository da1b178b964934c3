import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { handoverDataConverter } from '@handover/temporal';
import { TEST_MASTER_KEY, testEnv } from '@handover/testing';
import { loadWorkflowBundle } from '../../services/worker/src/workflow-bundle';

/**
 * Replays saved workflow histories against today's workflow code: a change that would break
 * determinism for running cases fails here. Refresh with HANDOVER_RECORD_HISTORIES=1 npm test.
 */
describe('replay of saved workflow histories', () => {
  const dir = join(__dirname, 'histories');
  const files = readdirSync(dir).filter((name) => name.endsWith('.history.json'));

  it('has saved histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  // Both bundles: the plain one, and the one with the tracing interceptors (OTEL_EXPORTER_OTLP_ENDPOINT set).
  const cases = files.flatMap((file) => [false, true].map((tracing) => [file, tracing ? 'with tracing' : 'plain', tracing] as const));
  it.each(cases)('replays %s (%s bundle) without non-determinism', async (file, _kind, tracing) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(history.events?.length).toBeGreaterThan(5);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await loadWorkflowBundle(testEnv().dataDir, { tracing }), dataConverter: handoverDataConverter(TEST_MASTER_KEY) },
        history,
      ),
    ).resolves.toBeUndefined();
  }, 120_000);
});
