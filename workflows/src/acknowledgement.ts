import { ApplicationFailure, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import { acknowledgementSchedule } from '@handover/domain';
import {
  CASE_CONTROL_PATCH,
  overrideAcknowledgementUpdate,
  recipientAcknowledgedSignal,
  type CasePlan,
  type HandoverActivities,
  type OverrideAcknowledgementInput,
  type Phase,
} from '@handover/contracts';

const { recipientAcknowledgement, sendRecipientReminder, escalateAcknowledgement } = proxyActivities<HandoverActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** How often the case re-reads MongoDB for the recipient's acknowledgement, in case the portal's signal was lost. */
const ACKNOWLEDGEMENT_RECHECK_MS = 60 * 60_000;

/**
 * The wait for the recipient's acknowledgement of the handover package. Since issue 14 (behind
 * `patched(CASE_CONTROL_PATCH)`): reminders at the policy's offsets, at the deadline an escalation
 * to the case manager, who may then override (`overrideAcknowledgement`, the reason in MongoDB).
 * Histories recorded before the patch keep the old wait: no deadline, an hourly re-check only.
 */
export class AcknowledgementWait {
  acknowledged = false;
  overridden: OverrideAcknowledgementInput | undefined;
  private escalated = false;

  constructor(phase: () => Phase) {
    setHandler(recipientAcknowledgedSignal, () => {
      this.acknowledged = true;
    });
    setHandler(
      overrideAcknowledgementUpdate,
      (input) => {
        patched(CASE_CONTROL_PATCH);
        this.overridden = input;
        return { phase: phase(), overriddenAt: input.overriddenAt };
      },
      {
        validator: (_input: OverrideAcknowledgementInput) => {
          if (this.acknowledged) throw ApplicationFailure.nonRetryable('the recipient has acknowledged the package', 'ACKNOWLEDGED');
          if (this.overridden) throw ApplicationFailure.nonRetryable('the acknowledgement was already overridden', 'ACKNOWLEDGEMENT_OVERRIDDEN');
          if (!this.escalated) {
            throw ApplicationFailure.nonRetryable('the acknowledgement is not overdue: an override is possible once it was escalated', 'ACKNOWLEDGEMENT_NOT_OVERDUE');
          }
        },
      },
    );
  }

  private get done(): boolean {
    return this.acknowledged || this.overridden !== undefined;
  }

  /** Until `untilMs` (workflow time) or done; MongoDB re-read every hour in case the signal was lost. */
  private async waitUntil(caseId: string, untilMs: number): Promise<boolean> {
    while (!this.done && Date.now() < untilMs) {
      if (await condition(() => this.done, Math.min(untilMs - Date.now(), ACKNOWLEDGEMENT_RECHECK_MS))) break;
      this.acknowledged = (await recipientAcknowledgement({ caseId })).acknowledged;
    }
    return this.done;
  }

  async run(caseId: string, packageId: string, plan: CasePlan): Promise<void> {
    if (!patched(CASE_CONTROL_PATCH)) {
      while (!this.acknowledged) {
        if (await condition(() => this.acknowledged, ACKNOWLEDGEMENT_RECHECK_MS)) break;
        this.acknowledged = (await recipientAcknowledgement({ caseId })).acknowledged;
      }
      return;
    }
    const schedule = acknowledgementSchedule(Date.now(), plan.acknowledgementDeadline, plan.acknowledgementReminders);
    for (const [index, at] of schedule.reminderAt.entries()) {
      if (await this.waitUntil(caseId, at)) return;
      await sendRecipientReminder({ caseId, packageId, reminder: index + 1 });
    }
    if (await this.waitUntil(caseId, schedule.deadlineAt)) return;
    await escalateAcknowledgement({ caseId, dueAt: new Date(schedule.deadlineAt).toISOString() });
    this.escalated = true;
    await this.waitUntil(caseId, Number.POSITIVE_INFINITY);
  }
}
