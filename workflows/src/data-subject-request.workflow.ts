import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  requestExtendedSignal,
  requestResolvedSignal,
  requestStateQuery,
  type DataSubjectRequestInput,
  type DataSubjectRequestState,
  type RequestActivities,
} from '@handover/contracts';

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds' } as const;
const { forwardWithdrawal, sendRequestAlert, notifyRequestExtension, applyRequestResolution, notifyRequestOutcome } = proxyActivities<RequestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { ...retry, nonRetryableErrorTypes: ['REQUEST_NOT_FOUND'] },
});

/**
 * One data-subject request from filing to the customer's answer: a durable timer reminds the case
 * manager at 75% of the window and escalates when the due time passes; an extension (signal, once)
 * moves both; the resolution (signal) is applied and the customer is told the outcome. Holds ids,
 * instants and the outcome only.
 */
export async function dataSubjectRequestWorkflow(input: DataSubjectRequestInput): Promise<DataSubjectRequestState> {
  const { caseId, requestId } = input;
  const state: DataSubjectRequestState = { requestId, dueAt: input.dueAt, remindedAt: null, escalatedAt: null, extended: false, outcome: null, done: false };
  let remindAt = input.remindAt;
  let extension = false;

  setHandler(requestStateQuery, () => ({ ...state }));
  setHandler(requestResolvedSignal, ({ outcome }) => {
    state.outcome ??= outcome;
  });
  setHandler(requestExtendedSignal, ({ dueAt, remindAt: nextRemind }) => {
    if (state.extended || state.outcome) return;
    Object.assign(state, { extended: true, dueAt, remindedAt: null, escalatedAt: null });
    remindAt = nextRemind;
    extension = true;
  });

  if (input.type === 'withdraw') await forwardWithdrawal({ caseId, requestId });

  const resolvedOrChanged = (): boolean => state.outcome !== null || extension;
  while (state.outcome === null) {
    if (extension) {
      extension = false;
      await notifyRequestExtension({ caseId, requestId });
      continue;
    }
    const target = state.remindedAt === null && Date.now() < Date.parse(remindAt) ? remindAt : state.escalatedAt === null ? state.dueAt : null;
    if (target === null) {
      await condition(resolvedOrChanged);
      continue;
    }
    const settled = await condition(resolvedOrChanged, Math.max(1, Date.parse(target) - Date.now()));
    if (settled) continue;
    if (target === remindAt && state.remindedAt === null && target !== state.dueAt) {
      state.remindedAt = new Date(Date.now()).toISOString();
      await sendRequestAlert({ caseId, requestId, kind: 'reminder', dueAt: state.dueAt });
    } else {
      state.remindedAt ??= state.dueAt;
      state.escalatedAt = new Date(Date.now()).toISOString();
      await sendRequestAlert({ caseId, requestId, kind: 'escalation', dueAt: state.dueAt });
    }
  }

  await applyRequestResolution({ caseId, requestId });
  await notifyRequestOutcome({ caseId, requestId });
  state.done = true;
  return { ...state };
}
