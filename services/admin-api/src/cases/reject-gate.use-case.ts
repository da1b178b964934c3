import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { errorCodeOf, caseWorkflowId, REJECTABLE_GATES, rejectGateUpdate, type GateName, type GateRejectedView } from '@handover/contracts';
import { CaseKeyService, CaseRepository, GateDecisionRepository, InventoryImportRepository } from '@handover/persistence';
import { AppError } from '@handover/http';
import { CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';

/**
 * `POST /v1/cases/{id}/gates/{gate}/reject {reason}`: sends the case back through the workflow's
 * update (what a rejection does per gate: REJECTABLE_GATES in libs/contracts), answered once it was
 * acted on; then the decision is kept (the reason encrypted as its note) and audited. 409:
 * GATE_NOT_REJECTABLE (handover, closure), GATE_NOT_PENDING, IMPORT_RUNNING (inventory), CASE_CANCELLED.
 */
@Injectable()
export class RejectGateUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, private readonly imports: InventoryImportRepository,
    private readonly cases: CaseRepository, private readonly decisions: GateDecisionRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, gate: GateName, reason: string, principal: Principal): Promise<GateRejectedView> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    if (!(REJECTABLE_GATES as readonly GateName[]).includes(gate)) {
      throw AppError.conflict('GATE_NOT_REJECTABLE', `gate ${gate} cannot be rejected: only ${REJECTABLE_GATES.join(' and ')} can`);
    }
    // The discard must not race an import still writing customers.
    if (gate === 'inventory' && (await this.imports.countActive(caseId)) > 0) {
      throw AppError.conflict('IMPORT_RUNNING', `an inventory import of case ${caseId} is still running`);
    }
    const rejectedAt = new Date();
    let view: GateRejectedView;
    try {
      view = await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(rejectGateUpdate, { args: [{ gate, rejectedBy: principal.id, rejectedAt: rejectedAt.toISOString() }] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new AppError(errorCodeOf(error.cause.type, 'GATE_NOT_PENDING'), error.cause.message, HttpStatus.CONFLICT);
      }
      throw error;
    }
    await this.decisions.record({ caseId, gate, decision: 'rejected', decidedBy: principal.id, decidedAt: rejectedAt, note: reason }, await this.keys.cipherFor(caseId));
    await this.audit.record({ caseId, action: 'gate.rejected', subject: { type: 'gate', id: gate }, data: { gate, phase: view.phase }, actor: principal });
    return view;
  }
}
