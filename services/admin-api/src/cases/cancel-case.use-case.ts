import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowUpdateStage, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { errorCodeOf, cancelCaseUpdate, caseWorkflowId, type Phase } from '@handover/contracts';
import type { AdminApiConfig } from '@handover/config';
import { cancellationKeyId, CaseCancellationRepository, CaseKeyService, CaseRepository } from '@handover/persistence';
import { AppError } from '@handover/http';
import { ADMIN_CONFIG, CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';

export interface CaseCancelled {
  id: string;
  status: 'cancelled';
  phase: Phase;
  cancelledAt: string;
}

/**
 * `POST /v1/cases/{id}/cancel`. A draft is cancelled here (the case document is still the API's),
 * then discarded by discardCaseWorkflow under the case's workflow id; a running case through the
 * case workflow's update, which stops the work in progress and discards the case's data itself.
 * The reason is kept under a key of its own before the workflow is asked (the case key may be
 * shredded at once), and withdrawn when the workflow refuses. 409: CASE_CLOSED, CASE_CANCELLED,
 * CASE_HANDED_OVER (the handover gate is approved). Once the workflow has accepted the update
 * (its validator passed), the cancellation stands even when its answer is late. Audit trail: `case.cancel.requested` before the
 * workflow is asked, `case.cancelled` once it agreed.
 */
@Injectable()
export class CancelCaseUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly cancellations: CaseCancellationRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig, private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, reason: string, principal: Principal): Promise<CaseCancelled> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'closed') throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed`);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is already cancelled`);
    const at = new Date();
    const cipher = await this.keys.ensure(cancellationKeyId(caseId));
    const fromStatus = state.status;
    if (!(await this.cancellations.record({ caseId, cancelledBy: principal.id, cancelledAt: at, fromStatus, reason: reason.trim() }, cipher))) {
      throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is already being cancelled`);
    }
    // The intent goes on the record before anything is cancelled; `case.cancelled` is the outcome.
    await this.audit.record({ caseId, action: 'case.cancel.requested', subject: { type: 'case', id: caseId }, data: { fromStatus }, actor: principal });
    try {
      const phase = fromStatus === 'draft' ? await this.cancelDraft(caseId, at, state.phase) : await this.cancelRunning(caseId, principal, at, state.phase);
      await this.cancellations.setPhase(caseId, phase);
      await this.audit.record({ caseId, action: 'case.cancelled', subject: { type: 'case', id: caseId }, data: { fromStatus, phase }, actor: principal });
      await this.audit.checkpoint(caseId);
      return { id: caseId, status: 'cancelled', phase, cancelledAt: at.toISOString() };
    } catch (error) {
      await this.cancellations.withdraw(caseId, at);
      throw error;
    }
  }

  private async cancelDraft(caseId: string, at: Date, phase: Phase): Promise<Phase> {
    // Conditional on `draft`: a start that won the race makes this a running case (retry: 409 → ask again).
    if (!(await this.cases.markCancelled(caseId, 'draft', at))) {
      throw AppError.conflict('CASE_STARTED', `case ${caseId} was started meanwhile: cancel it again`);
    }
    await this.temporal.workflow.start('discardCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId }],
    });
    return phase;
  }

  private async cancelRunning(caseId: string, principal: Principal, at: Date, phase: Phase): Promise<Phase> {
    let update;
    try {
      update = await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .startUpdate(cancelCaseUpdate, { args: [{ cancelledBy: principal.id, cancelledAt: at.toISOString() }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      throw error;
    }
    try {
      return (await update.result()).phase;
    } catch (error) {
      // Refused by the workflow's validator: nothing was cancelled (the caller withdraws the record).
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new AppError(errorCodeOf(error.cause.type, 'CASE_NOT_CANCELLABLE'), error.cause.message, HttpStatus.CONFLICT);
      }
      // Accepted, but the answer did not arrive in time: the workflow cancels the case regardless,
      // so the cancellation stands (never withdrawn) and the answer names the phase it was in.
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return phase;
      throw error;
    }
  }
}
