import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { caseWorkflowId, type TransferCaseWorkflow, WORKFLOW_TYPES } from '@handover/contracts';
import type { AdminApiConfig } from '@handover/config';
import { CaseRepository } from '@handover/persistence';
import { ADMIN_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { AuditService } from '../audit/audit.service';

/**
 * Marks the case running, then starts its workflow (id `case:<caseId>`).
 *
 * The order matters on FerretDB v1, whose updates are read-modify-write of the whole document
 * without a lock: two concurrent `$set`s on different fields of one document lose one of them
 * (docs/architecture.md, "One writer per document"). Marking the case before the workflow
 * exists means the workflow's own writes to the case document (its phase) can never race with
 * this one. A crash between the two steps leaves a running case without a workflow; a retried
 * request sees that and starts it (the start reuses an existing run, so a race is harmless).
 */
@Injectable()
export class StartCaseUseCase {
  constructor(
    private readonly cases: CaseRepository, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig, private readonly audit: AuditService,
  ) {}

  async execute(caseId: string): Promise<void> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    if (state.status !== 'draft' && (state.status !== 'running' || (await this.workflowExists(caseId)))) {
      throw AppError.conflict('CASE_ALREADY_STARTED', `case ${caseId} is ${state.status}`);
    }
    // Only the request that moved the case out of draft records the event (a retry does not).
    const movedOutOfDraft = state.status === 'draft' && (await this.cases.markStarted(caseId, new Date()));
    await this.temporal.workflow.start<TransferCaseWorkflow>(WORKFLOW_TYPES.transferCase, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    if (movedOutOfDraft) await this.audit.record({ caseId, action: 'case.started', subject: { type: 'case', id: caseId } });
  }

  private async workflowExists(caseId: string): Promise<boolean> {
    try {
      await this.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }
}
