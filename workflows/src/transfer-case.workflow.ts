import { condition, proxyActivities, setHandler, sleep, startChild, ApplicationFailure } from '@temporalio/workflow';
import { parseDuration } from '@handover/domain';
import {
  approveGateUpdate,
  inventoryImportedSignal,
  type InventoryActivities,
  type NotificationActivities,
  progressQuery,
  GATES,
  recipientAcknowledgedSignal,
  thirdPartyWorkflowId,
  type CaseActivities,
  type DeletionActivities,
  type HandoverActivities,
  type ReportActivities,
  type ThirdPartyDeletionInput,
  type ThirdPartyDeletionResult,
  type CaseProgress,
  type GateName,
  type GateView,
  type Phase,
  type TransferCaseInput,
} from '@handover/contracts';

const { recordCasePhase, announceCaseOpened, loadCasePlan } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const { decideRoutes, draftPiia } = proxyActivities<InventoryActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const { recordDeadlines, fixOutcomes } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** Mailings run long; a killed worker is noticed at the heartbeat timeout and the retry resumes. */
const { sendCustomerMailing } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '12 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** Packaging, deletion and the report stream every customer: long, heartbeating, resumable. */
const { buildHandoverPackage, disposeCustomers, buildComplianceReport } = proxyActivities<HandoverActivities & DeletionActivities & ReportActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const { sendRecipientLink, recipientAcknowledgement, shredCaseKey, closeCase } = proxyActivities<HandoverActivities & DeletionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** How often the case re-reads MongoDB for the recipient's acknowledgement, in case the portal's signal was lost. */
const ACKNOWLEDGEMENT_RECHECK = '1 hour';

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
  let acknowledged = false;
  setHandler(recipientAcknowledgedSignal, () => {
    acknowledged = true;
  });

  const progress = (): CaseProgress => ({ phase, importsCompleted, gates: [...gates.values()].map((gate) => ({ ...gate })) });
  setHandler(progressQuery, progress);
  setHandler(
    approveGateUpdate,
    ({ gate, approvedBy, approvedAt }) => {
      const view: GateView = { name: gate, state: 'approved', approvedBy, approvedAt };
      gates.set(gate, view);
      return view;
    },
    {
      validator: ({ gate }) => {
        const view = gates.get(gate);
        if (!view) throw ApplicationFailure.nonRetryable(`unknown gate ${gate}`, 'GATE_UNKNOWN');
        if (view.state !== 'pending') {
          throw ApplicationFailure.nonRetryable(`gate ${gate} is ${view.state}, not pending`, 'GATE_NOT_PENDING');
        }
      },
    },
  );

  const enter = async (next: Phase): Promise<void> => {
    phase = next;
    await recordCasePhase({ caseId: input.caseId, phase: next });
  };
  const awaitGate = async (gate: GateName): Promise<void> => {
    gates.set(gate, { name: gate, state: 'pending' });
    await condition(() => gates.get(gate)?.state === 'approved');
  };

  await announceCaseOpened({ caseId: input.caseId });
  await enter('inventory');
  await awaitGate('inventory');
  // The approval fixes every customer's route (rule ids and articles recorded) and the final PIIA.
  await decideRoutes({ caseId: input.caseId, seal: true });
  await draftPiia({ caseId: input.caseId, final: true });
  await enter('legal-basis');

  // Notification: one message per customer (notice, with the consent request where the route
  // needs it), then the waiting period and consent deadline as durable timers, with reminders.
  await awaitGate('notices');
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
  if (plan.hasRecipient) {
    const { packageId } = await buildHandoverPackage({ caseId: input.caseId });
    await sendRecipientLink({ caseId: input.caseId, packageId });
    while (!acknowledged) {
      if (await condition(() => acknowledged, ACKNOWLEDGEMENT_RECHECK)) break;
      acknowledged = (await recipientAcknowledgement({ caseId: input.caseId })).acknowledged;
    }
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
