import type { AuditData, AuditRepository } from '@handover/persistence';

/** The actor of events the case's workflow causes (phases, mailings, deletions, shredding, closure). */
export const WORKFLOW_ACTOR = { id: 'workflow', role: 'system' } as const;

/**
 * Appends one workflow-side event to the case's chain (subject: the case unless given). Ids,
 * counters and digests only. An activity retried after its append repeats the event: the trail
 * then shows the attempt twice, which is what happened.
 */
export async function recordWorkflowEvent(
  audit: AuditRepository,
  caseId: string,
  action: string,
  data: AuditData = {},
  subject: { type: string; id: string } = { type: 'case', id: caseId },
): Promise<void> {
  await audit.append(caseId, { actor: WORKFLOW_ACTOR, action, subject, data });
}
