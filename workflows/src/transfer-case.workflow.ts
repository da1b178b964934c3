import { ActivityCancellationType, condition, isCancellation, patched, proxyActivities, setHandler, sleep, startChild } from '@temporalio/workflow';
import { parseDuration } from '@handover/domain';
import {
  CANCELLATION_NOTICES_PATCH,
  inventoryImportedSignal,
  type InventoryActivities,
  type NotificationActivities,
  progressQuery,
  GATES,
  thirdPartyWorkflowId,
  type CaseActivities,
  type CasePlan,
  type DeletionActivities,
  type HandoverActivities,
  type ReportActivities,
  type ThirdPartyDeletionInput,
  type ThirdPartyDeletionResult,
  type CancelCaseInput,
  type CaseProgress,
  type GateName,
  type GateView,
  type Phase,
  type TransferCaseInput,
} from '@handover/contracts';
import { AcknowledgementWait } from './acknowledgement';
import { handleGateApprovals } from './gate-approval';
import { CaseControl } from './case-control';
import { discardCase } from './discard-case.workflow';

const { recordCasePhase, announceCaseOpened, loadCasePlan, markCaseCancelled } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const { decideRoutes, draftPiia, reopenInventory } = proxyActivities<InventoryActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const { recordDeadlines, fixOutcomes, sendCancellationNotices } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/**
 * Mailings run long; a killed worker is noticed at the heartbeat timeout and the retry resumes. A
 * cancelled case waits for the mailing to stop (it sees the cancellation at its next heartbeat)
 * before its data are discarded.
 */
const { sendCustomerMailing } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '12 hours',
  heartbeatTimeout: '20 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** Packaging, deletion and the report stream every customer: long, heartbeating, resumable. */
const { buildHandoverPackage, disposeCustomers, buildComplianceReport } = proxyActivities<HandoverActivities & DeletionActivities & ReportActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** A rejected inventory's records deleted in a few statements: no heartbeat, a generous bound. */
const { discardInventory } = proxyActivities<DeletionActivities>({
  startToCloseTimeout: '1 hour',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const { sendRecipientLink, shredCaseKey, closeCase } = proxyActivities<HandoverActivities & DeletionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * One transfer case from opening to closure. Holds ids, phase and gate state only; every piece of
 * personal data stays in MongoDB behind the activities.
 */
export async function transferCaseWorkflow(input: TransferCaseInput): Promise<CaseProgress> {
  const gates = new Map<GateName, GateView>(GATES.map((name) => [name, { name, state: 'waiting' }]));
  let phase: Phase = 'opened';
  let importsCompleted = 0;
  setHandler(inventoryImportedSignal, () => {
    importsCompleted += 1;
  });

  const control = new CaseControl(gates, () => phase);
  const acknowledgement = new AcknowledgementWait(() => phase);

  const progress = (): CaseProgress => ({
    phase,
    importsCompleted,
    gates: [...gates.values()].map((gate) => ({ ...gate })),
    ...(control.cancellation && { cancelledAt: control.cancellation.cancelledAt }),
  });
  setHandler(progressQuery, progress);
  handleGateApprovals(input.caseId, gates, () => control.refuseWhenCancelled());

  // Phases entered again after the notices gate's rejection record facts of their own round.
  let round = 0;
  const enter = async (next: Phase): Promise<void> => {
    phase = next;
    await recordCasePhase({ caseId: input.caseId, phase: next, ...(round > 0 && { round }) });
  };
  const awaitGate = async (gate: GateName): Promise<void> => {
    gates.set(gate, { name: gate, state: 'pending' });
    await condition(() => gates.get(gate)?.state === 'approved');
  };

  const untilHandover = async (): Promise<CasePlan> => {
    await announceCaseOpened({ caseId: input.caseId });
    await enter('inventory');
    for (;;) {
      // A rejected inventory is discarded; the gate then waits for a corrected upload.
      while ((await control.decideGate('inventory')) === 'rejected') {
        await discardInventory({ caseId: input.caseId });
        await decideRoutes({ caseId: input.caseId, seal: false });
        gates.set('inventory', { name: 'inventory', state: 'pending' });
        control.rejectionActedOn();
      }
      // The approval fixes every customer's route (rule ids and articles recorded) and the final PIIA.
      await decideRoutes({ caseId: input.caseId, seal: true });
      await draftPiia({ caseId: input.caseId, final: true });
      await enter('legal-basis');
      if ((await control.decideGate('notices')) === 'approved') break;
      // Notices rejected: back to the inventory phase, routes unsealed, both gates to pass again.
      round += 1;
      await reopenInventory({ caseId: input.caseId, round });
      await decideRoutes({ caseId: input.caseId, seal: false });
      gates.set('notices', { name: 'notices', state: 'waiting' });
      gates.set('inventory', { name: 'inventory', state: 'pending' });
      await enter('inventory');
      control.rejectionActedOn();
    }

    // Notification: one message per customer (notice, with the consent request where the route
    // needs it), then the waiting period and consent deadline as durable timers, with reminders.
    await enter('notification');
    const plan = await loadCasePlan({ caseId: input.caseId });
    const startedAt = Date.now();
    const noticeDeadlineMs = startedAt + parseDuration(plan.waitingPeriod);
    const consentDeadlineMs = startedAt + parseDuration(plan.consentDeadline);
    const deadlines = { noticeDeadline: new Date(noticeDeadlineMs).toISOString(), consentDeadline: new Date(consentDeadlineMs).toISOString() };
    await recordDeadlines({ caseId: input.caseId, ...deadlines });
    await sendCustomerMailing({ caseId: input.caseId, mailing: 'notice', reminder: 0, ...deadlines });
    await enter('consent');
    for (const [index, offset] of plan.reminders.entries()) {
      const at = startedAt + parseDuration(offset);
      if (at >= consentDeadlineMs) break;
      await sleep(Math.max(0, at - Date.now()));
      await sendCustomerMailing({ caseId: input.caseId, mailing: `reminder-${index + 1}`, reminder: index + 1, ...deadlines });
    }
    await sleep(Math.max(0, Math.max(noticeDeadlineMs, consentDeadlineMs) - Date.now()));
    await fixOutcomes({ caseId: input.caseId });
    await enter('handover');

    // Handover: after the gate, the package of the customers whose outcome is "transfer" (minus any
    // a later request excluded), the recipient's signed link, and the wait for their acknowledgement.
    await awaitGate('handover');
    return plan;
  };

  // Cancelled: the work stopped; the case is marked cancelled, then nothing personal is left.
  const cancelled = async (by: CancelCaseInput): Promise<CaseProgress> => {
    await markCaseCancelled({ caseId: input.caseId, cancelledAt: by.cancelledAt });
    control.cancelRecorded = true;
    // Customers who were sent a notice learn that the transfer will not take place (before the discard).
    if (patched(CANCELLATION_NOTICES_PATCH)) await sendCancellationNotices({ caseId: input.caseId });
    await discardCase(input.caseId);
    return progress();
  };

  let plan: CasePlan;
  try {
    plan = await control.work.run(untilHandover);
  } catch (error) {
    if (!control.cancellation || !isCancellation(error)) throw error;
    return cancelled(control.cancellation);
  }

  if (plan.buildsPackage ?? plan.hasRecipient) {
    const { packageId } = await buildHandoverPackage({ caseId: input.caseId });
    await sendRecipientLink({ caseId: input.caseId, packageId });
    await acknowledgement.run(input.caseId, packageId, plan);
  }

  // Deletion: third parties are asked to delete (a child workflow with its own deadline and
  // escalation) while every customer gets its disposition here.
  await enter('deletion');
  const thirdPartyInput: ThirdPartyDeletionInput = {
    caseId: input.caseId,
    deadline: new Date(Date.now() + parseDuration(plan.thirdPartyDeadline)).toISOString(),
    reminders: [...plan.reminders],
  };
  const thirdParties = await startChild<(input: ThirdPartyDeletionInput) => Promise<ThirdPartyDeletionResult>>('thirdPartyDeletionWorkflow', {
    workflowId: thirdPartyWorkflowId(input.caseId),
    args: [thirdPartyInput],
  });
  await disposeCustomers({ caseId: input.caseId, hasRecipient: plan.hasRecipient });
  await thirdParties.result();

  // Closure: the gate, the report (built while the case key still opens the parties' names),
  // then the case key is shredded and the case closed.
  await enter('closure');
  await awaitGate('closure');
  await buildComplianceReport({ caseId: input.caseId });
  await shredCaseKey({ caseId: input.caseId });
  await closeCase({ caseId: input.caseId });
  phase = 'closed';
  return progress();
}
