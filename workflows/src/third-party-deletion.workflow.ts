import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { parseDuration } from '@handover/domain';
import {
  thirdPartyAddedSignal,
  thirdPartyAnsweredSignal,
  type ThirdPartyActivities,
  type ThirdPartyDeletionInput,
  type ThirdPartyDeletionResult,
  type ThirdPartySummary,
} from '@handover/contracts';

const { requestThirdPartyDeletion, remindThirdParties, escalateOverdueThirdParties, summarizeThirdParties } = proxyActivities<ThirdPartyActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const result = (s: ThirdPartySummary): ThirdPartyDeletionResult => ({
  total: s.total,
  confirmed: s.confirmed,
  exceptions: s.exceptions,
  overdue: s.overdue,
  late: s.late,
});

/**
 * Third-party deletion confirmations of one case (child of the case workflow, id
 * `case:<caseId>:third-parties`): requests to every pending third party, reminders at the policy's
 * offsets to those that have not answered, and at the deadline `overdue` plus one escalation to
 * the case manager. Signals only wake it: before every decision it re-reads MongoDB (a lost
 * signal costs nothing). Returns when everyone has answered, or right after the escalation.
 */
export async function thirdPartyDeletionWorkflow(input: ThirdPartyDeletionInput): Promise<ThirdPartyDeletionResult> {
  const { caseId, deadline } = input;
  const deadlineMs = Date.parse(deadline);
  if (Number.isNaN(deadlineMs)) throw ApplicationFailure.nonRetryable('deadline must be an ISO-8601 instant', 'BAD_INPUT');
  let wakes = 0;
  let added = 0;
  setHandler(thirdPartyAnsweredSignal, () => {
    wakes += 1;
  });
  setHandler(thirdPartyAddedSignal, () => {
    wakes += 1;
    added += 1;
  });

  const startedAt = Date.now();
  const reminderTimes = input.reminders.map((offset) => startedAt + parseDuration(offset)).filter((at) => at < deadlineMs).sort((a, b) => a - b);
  let reminded = 0;
  let requestedUpTo = 0;

  await requestThirdPartyDeletion({ caseId, deadline });
  let summary = await summarizeThirdParties({ caseId });
  while (summary.unanswered > 0 && Date.now() < deadlineMs) {
    if (summary.pending > 0 || added > requestedUpTo) {
      // Added after the requests went out: request them too (same deadline).
      requestedUpTo = added;
      await requestThirdPartyDeletion({ caseId, deadline });
    }
    const nextReminder = reminderTimes[reminded];
    const wakeAt = Math.min(nextReminder ?? deadlineMs, deadlineMs);
    const seen = wakes;
    await condition(() => wakes !== seen, Math.max(1, wakeAt - Date.now()));
    if (nextReminder !== undefined && Date.now() >= nextReminder && Date.now() < deadlineMs) {
      reminded += 1;
      await remindThirdParties({ caseId, deadline, reminder: reminded });
    }
    summary = await summarizeThirdParties({ caseId });
  }
  if (summary.unanswered > 0) {
    await escalateOverdueThirdParties({ caseId, deadline });
    summary = await summarizeThirdParties({ caseId });
  }
  return result(summary);
}
