import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { caseWorkflowId, progressQuery } from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import { CaseKeyService, CaseRepository, MailLedgerRepository } from '@handover/persistence';
import { MailSinkClient, TEST_MASTER_KEY, testEnv, waitUntil } from '@handover/testing';
import { useWorkflowWorker } from './workflow-worker';
import { approveGateAsApi } from '../../activities/src/cases/testing/approve-gate-as-api';

/**
 * transferCaseWorkflow on the real Temporal dev server with the real activities, FerretDB and the
 * mail sink (SMTP over a socket). Set HANDOVER_RECORD_HISTORIES=1 to refresh the saved history.
 */
describe('transferCaseWorkflow against the Temporal dev server, FerretDB and the mail sink', () => {
  const env = testEnv();
  const taskQueue = `it-transfer-case-${process.pid}`;
  const sink = new MailSinkClient(env.mailSinkApi);
  const stack = useWorkflowWorker({ taskQueue, database: 'handover_it_workflow' });

  it('mails the manager once, records the phase in MongoDB and waits at the inventory gate', async () => {
    const caseId = `worker${Date.now().toString(36)}`;
    const managerEmail = `manager+${caseId}@example.cn`;
    const keys = new CaseKeyService(stack.mongo, MasterKey.fromBase64(TEST_MASTER_KEY));
    const cases = new CaseRepository(stack.mongo);
    await cases.create(
      {
        id: caseId, kind: 'merger', jurisdiction: 'CN-PIPL', status: 'running', phase: 'opened',
        transferor: { name: '甲公司', contact: '010-12345678' },
        recipient: { name: '乙公司', contact: '021-87654321', email: 'dpo@yi.example', country: 'CN' },
        manager: { name: '王经理', email: managerEmail },
        policy: { waitingPeriod: 'PT5S', consentDeadline: 'PT5S', thirdPartyDeadline: 'PT5S', reminders: [], minors: 'guardian-consent', sensitive: 'notice' },
        createdAt: new Date(),
      },
      await keys.ensure(caseId),
    );

    const handle = await stack.temporal.client.workflow.start('transferCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [{ caseId }],
    });

    const progress = await waitUntil(() => handle.query(progressQuery), (p) => p.gates[0]?.state === 'pending', 30_000, 'inventory gate pending');
    expect(progress.phase).toBe('inventory');
    expect((await cases.findState(caseId))?.phase).toBe('inventory');

    const mails = await sink.waitFor(managerEmail, 1);
    expect(mails).toHaveLength(1);
    const mail = await sink.message(mails[0]!.ID);
    expect(mail.Subject).toContain(caseId);
    expect(mail.Text).toContain('王经理');
    expect((await new MailLedgerRepository(stack.mongo).find({ caseId, subjectId: 'manager', mailing: 'case-opened' }))?.status).toBe('sent');

    const gate = await approveGateAsApi(handle, stack.mongo, caseId, 'inventory', 'it');
    expect(gate.state).toBe('approved');
    await expect(
      approveGateAsApi(handle, stack.mongo, caseId, 'notices', 'it'),
    ).rejects.toThrow(/not pending|Update failed/i);
    await waitUntil(() => cases.findState(caseId), (s) => s?.phase === 'legal-basis', 30_000, 'phase legal-basis in MongoDB');
    // Still exactly one mail: the ledger kept a replayed or retried activity from sending twice.
    expect(await sink.messagesTo(managerEmail)).toHaveLength(1);

    if (process.env['HANDOVER_RECORD_HISTORIES'] === '1') {
      const history = await handle.fetchHistory();
      writeFileSync(join(__dirname, '../replay/histories/transfer-case.history.json'), historyToJSON(history));
    }
    await handle.terminate('test finished');
  }, 120_000);
});
