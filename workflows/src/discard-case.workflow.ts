import { proxyActivities } from '@temporalio/workflow';
import type { DeletionActivities } from '@handover/contracts';

/** The discard streams every customer of the case: long, heartbeating, resumable. */
const { discardCaseData } = proxyActivities<DeletionActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const { shredCaseKey } = proxyActivities<DeletionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * What a cancelled case leaves behind: no personal data. Its customer records, quarantined rows and
 * uploads are erased with certificates, then its key is shredded (the contacts of the parties and
 * the manager, the gate notes, anything else encrypted under it become unreadable). Shared by the
 * case workflow (a running case) and discardCaseWorkflow (a draft).
 */
export async function discardCase(caseId: string): Promise<void> {
  await discardCaseData({ caseId });
  await shredCaseKey({ caseId });
}

/**
 * A draft case cancelled by the admin API (already marked cancelled there): runs under the case's
 * own workflow id, `case:<caseId>`, since a draft has no case workflow yet. Ids only.
 */
export async function discardCaseWorkflow(input: { caseId: string }): Promise<void> {
  await discardCase(input.caseId);
}
