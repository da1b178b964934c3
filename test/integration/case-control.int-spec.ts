import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';
import {
  cancelCaseUpdate, caseWorkflowId, overrideAcknowledgementUpdate, progressQuery, rejectGateUpdate, type CaseProgress, type GateName,
} from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import { CaseKeyService, CaseRepository } from '@handover/persistence';
import { MailSinkClient, TEST_MASTER_KEY, testEnv, waitUntil } from '@handover/testing';
import { useWorkflowWorker } from './workflow-worker';
import { approveGateAsApi } from '../../activities/src/cases/testing/approve-gate-as-api';

/**
 * Case control (issue 14) in transferCaseWorkflow on the real Temporal dev server with the real
 * activities and FerretDB. Set HANDOVER_RECORD_HISTORIES=1 to save the histories of the new paths
 * beside the old ones in test/replay/histories/.
 */
describe('transferCaseWorkflow case control against the Temporal dev server and FerretDB', () => {
  const env = testEnv();
  const taskQueue = `it-case-control-${process.pid}`;
  const record = process.env['HANDOVER_RECORD_HISTORIES'] === '1';
  const stack = useWorkflowWorker({ taskQueue, database: 'handover_it_workflow', activities: { dataDir: env.dataDir } });
  let keys: CaseKeyService;
  let cases: CaseRepository;

  beforeAll(() => {
    keys = new CaseKeyService(stack.mongo, MasterKey.fromBase64(TEST_MASTER_KEY));
    cases = new CaseRepository(stack.mongo);
  });

  async function startCase(label: string): Promise<{ caseId: string; handle: WorkflowHandle }> {
    const caseId = `worker${label}_${Date.now().toString(36)}`;
    await cases.create(
      {
        id: caseId, kind: 'merger', jurisdiction: 'CN-PIPL', status: 'running', phase: 'opened',
        transferor: { name: '甲公司', contact: '010-12345678' },
        recipient: { name: '乙公司', contact: '021-87654321', email: 'dpo@yi.example', country: 'CN' },
        manager: { name: '王经理', email: `manager+${caseId}@example.cn` },
        policy: {
          waitingPeriod: 'PT5S', consentDeadline: 'PT5S', thirdPartyDeadline: 'PT5S', reminders: [], minors: 'guardian-consent', sensitive: 'notice',
          acknowledgementDeadline: 'PT6S', acknowledgementReminders: ['PT3S'],
        },
        createdAt: new Date(),
      },
      await keys.ensure(caseId),
    );
    const handle = await stack.temporal.client.workflow.start('transferCaseWorkflow', { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId }] });
    await waitUntil(() => handle.query(progressQuery), (p) => p.gates[0]?.state === 'pending', 30_000, 'inventory gate pending');
    return { caseId, handle };
  }

  /** Saves a history of a new path once: a saved one is never replaced (it stands for cases already running). */
  const save = async (handle: WorkflowHandle, file: string): Promise<void> => {
    const path = join(__dirname, '../replay/histories', file);
    if (record && !existsSync(path)) writeFileSync(path, historyToJSON(await handle.fetchHistory()));
  };

  it('cancels at a pending gate: the wait stops, the case is marked cancelled, discarded and its key shredded', async () => {
    const { caseId, handle } = await startCase('cancel');
    const view = await handle.executeUpdate(cancelCaseUpdate, { args: [{ cancelledBy: 'key_it', cancelledAt: new Date().toISOString() }] });
    expect(view).toMatchObject({ status: 'cancelled', phase: 'inventory' });
    expect((await cases.findState(caseId))?.status).toBe('cancelled');

    const result = (await handle.result()) as CaseProgress;
    expect(result.cancelledAt).toBe(view.cancelledAt);
    expect(await keys.cipherFor(caseId)).toBeNull();
    await expect(approveGateAsApi(handle, stack.mongo, caseId, 'inventory', 'it')).rejects.toThrow();
    // transfer-case-cancelled.history.json (saved before the cancellation notices) stays beside it.
    await save(handle, 'transfer-case-cancelled-notices.history.json');
  }, 120_000);

  it('rejects the inventory gate (waits again), then the notices gate (back to the inventory gate), then runs on to the handover gate', async () => {
    const { caseId, handle } = await startCase('reject');
    const reject = (gate: GateName) => handle.executeUpdate(rejectGateUpdate, { args: [{ gate, rejectedBy: 'key_it', rejectedAt: new Date().toISOString() }] });
    const approve = (gate: GateName) => approveGateAsApi(handle, stack.mongo, caseId, gate);
    const pending = (gate: GateName) => waitUntil(() => handle.query(progressQuery), (p) => p.gates.some((g) => g.name === gate && g.state === 'pending'), 60_000, `${gate} pending`);

    await expect(reject('handover')).rejects.toThrow();
    await expect(reject('notices')).rejects.toThrow();
    await expect(reject('inventory')).resolves.toMatchObject({ gate: 'inventory', state: 'pending', phase: 'inventory' });
    await expect(approve('inventory')).resolves.toMatchObject({ state: 'approved' });
    await pending('notices');
    await expect(reject('notices')).resolves.toMatchObject({ gate: 'notices', state: 'waiting', phase: 'inventory' });
    expect((await cases.findState(caseId))?.phase).toBe('inventory');
    await expect(approve('notices')).rejects.toThrow();
    await expect(approve('inventory')).resolves.toMatchObject({ state: 'approved' });
    await pending('notices');
    await approve('notices');
    const atHandover = await pending('handover');
    expect(atHandover.phase).toBe('handover');
    await expect(reject('handover')).rejects.toThrow();
    // Cancelled at the pending handover gate: still before the data left.
    await expect(handle.executeUpdate(cancelCaseUpdate, { args: [{ cancelledBy: 'key_it', cancelledAt: new Date().toISOString() }] })).resolves.toMatchObject({ phase: 'handover' });
    await handle.result();
    await save(handle, 'transfer-case-rejected.history.json');
  }, 180_000);

  it('reminds the recipient, escalates at the deadline, then takes the override and closes', async () => {
    const { caseId, handle } = await startCase('override');
    const approve = (gate: GateName) => approveGateAsApi(handle, stack.mongo, caseId, gate);
    const pending = (gate: GateName) => waitUntil(() => handle.query(progressQuery), (p) => p.gates.some((g) => g.name === gate && g.state === 'pending'), 60_000, `${gate} pending`);
    const override = () => handle.executeUpdate(overrideAcknowledgementUpdate, { args: [{ overriddenBy: 'key_it', overriddenAt: new Date().toISOString() }] });
    for (const gate of ['inventory', 'notices', 'handover'] as const) {
      await pending(gate);
      await approve(gate);
    }
    await expect(override()).rejects.toThrow();
    const managerEmail = `manager+${caseId}@example.cn`;
    const sink = new MailSinkClient(env.mailSinkApi);
    await waitUntil(async () => (await sink.messagesTo(managerEmail)).filter((m) => m.Subject.includes('OVERDUE')), (list) => list.length === 1, 60_000, 'escalation');
    const accepted = await waitUntil(() => override().then((view) => view, () => null), (view) => view !== null, 20_000, 'override accepted');
    expect(accepted).toMatchObject({ phase: 'handover' });
    await pending('closure');
    await approve('closure');
    expect(((await handle.result()) as CaseProgress).phase).toBe('closed');
    expect((await cases.findState(caseId))?.status).toBe('closed');
    await save(handle, 'transfer-case-overridden.history.json');
  }, 180_000);
});
