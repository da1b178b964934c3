import type { Client } from '@temporalio/client';
import { dataSubjectRequestWorkflowId, WORKFLOW_TYPES, type DataSubjectRequestInput, type DataSubjectRequestWorkflow } from '@handover/contracts';

/**
 * Starts a data-subject request's workflow right after the request was stored (ids, type and
 * instants only in the payload). A repeated start joins the running one. Shared by the admin API
 * (a manager files for a customer) and the portal (the customer files).
 */
export async function startRequestWorkflow(temporal: Client, taskQueue: string, input: DataSubjectRequestInput): Promise<void> {
  await temporal.workflow.start<DataSubjectRequestWorkflow>(WORKFLOW_TYPES.dataSubjectRequest, {
    workflowId: dataSubjectRequestWorkflowId(input.caseId, input.requestId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
