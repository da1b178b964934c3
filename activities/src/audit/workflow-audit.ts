import { Context } from '@temporalio/activity';
import type { AuditData, AuditRepository } from '@handover/persistence';

/** The actor of events the case's workflow causes (phases, mailings, deletions, shredding, closure). */
export const WORKFLOW_ACTOR = { id: 'workflow', role: 'system' } as const;

/**
 * The Temporal activity execution the caller runs in (workflow id, run id, activity id: what every
 * retry of it shares), or undefined outside an activity. Given to the worker's AuditRepository as
 * its `operation`, so an activity retried after its append does not append the same event twice.
 */
export function activityExecution(): string | undefined {
  let info: Context['info'];
  try {
    info = Context.current().info;
  } catch {
    return undefined;
  }
  const run = info.workflowExecution;
  return run && `${run.workflowId}/${run.runId}/${info.activityId}`;
}

/**
 * Appends one workflow-side event to the case's chain (subject: the case unless given). Ids,
 * counters and digests only. Once per activity execution: a retry finds the event its earlier
 * attempt appended (see activityExecution).
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
