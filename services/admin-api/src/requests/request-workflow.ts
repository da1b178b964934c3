import type { Client } from '@temporalio/client';
import { dataSubjectRequestWorkflowId, type DataSubjectRequestInput } from '@handover/contracts';
import type { FiledRequest } from '@handover/persistence';

/** Starts the request's workflow right after the insert (ids, type and instants only in the payload). */
export async function startRequestWorkflow(temporal: Client, taskQueue: string, filed: FiledRequest): Promise<void> {
  const input: DataSubjectRequestInput = { caseId: filed.caseId, requestId: filed.id, type: filed.type, dueAt: filed.deadline.dueAt, remindAt: filed.deadline.remindAt };
  await temporal.workflow.start('dataSubjectRequestWorkflow', {
    workflowId: dataSubjectRequestWorkflowId(filed.caseId, filed.id),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
