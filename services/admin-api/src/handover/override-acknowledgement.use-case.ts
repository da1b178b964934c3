import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { errorCodeOf, caseWorkflowId, overrideAcknowledgementUpdate, type Phase } from '@handover/contracts';
import { CaseKeyService, CaseRepository, GateDecisionRepository } from '@handover/persistence';
import { AppError } from '@handover/http';
import { CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';

export interface AcknowledgementOverridden {
  id: string;
  phase: Phase;
  overriddenAt: string;
}

/**
 * `POST /v1/cases/{id}/handover/override {reason}`: the case manager confirms the handover without
 * the recipient's acknowledgement, once it is overdue and was escalated (409
 * ACKNOWLEDGEMENT_NOT_OVERDUE before; ACKNOWLEDGED, ACKNOWLEDGEMENT_OVERRIDDEN, CASE_CLOSED,
 * CASE_CANCELLED). The case then goes on to deletion. Kept as a decision on the handover gate
 * (`overridden`, the reason as its note) and audited as `handover.overridden`.
 */
@Injectable()
export class OverrideAcknowledgementUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, private readonly cases: CaseRepository,
    private readonly decisions: GateDecisionRepository, @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
    private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, reason: string, principal: Principal): Promise<AcknowledgementOverridden> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'closed') throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed`);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    if (state.status === 'draft') throw AppError.conflict('ACKNOWLEDGEMENT_NOT_OVERDUE', `case ${caseId} has not started`);
    const overriddenAt = new Date();
    let view: { phase: Phase; overriddenAt: string };
    try {
      view = await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(overrideAcknowledgementUpdate, { args: [{ overriddenBy: principal.id, overriddenAt: overriddenAt.toISOString() }] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new AppError(errorCodeOf(error.cause.type, 'ACKNOWLEDGEMENT_NOT_OVERDUE'), error.cause.message, HttpStatus.CONFLICT);
      }
      throw error;
    }
    await this.decisions.record(
      { caseId, gate: 'handover', decision: 'overridden', decidedBy: principal.id, decidedAt: overriddenAt, note: reason },
      await this.keys.cipherFor(caseId),
    );
    await this.audit.record({ caseId, action: 'handover.overridden', subject: { type: 'case', id: caseId }, data: { phase: view.phase }, actor: principal });
    return { id: caseId, ...view };
  }
}
