import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { approveGateUpdate, caseWorkflowId, errorCodeOf, type GateName, type GateView } from '@handover/contracts';
import { CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import { CaseKeyService, CaseRepository, CaseStatisticsRepository, CustomerRepository, GateDecisionRepository, InventoryImportRepository, PiiaRepository } from '@handover/persistence';
import { crossBorderRecordSatisfies, mechanismToRecord } from '@handover/domain';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';

/**
 * Approves a pending gate through the workflow's update; 409 when the gate is not pending. The
 * approval (who, when, the note) is recorded first as a gate decision, whose id the update carries
 * and the workflow checks (issue 15); an approval the workflow refused is withdrawn. Audit trail:
 * `gate.approve.requested` before the update, then `gate.approved`, or `gate.approve.refused` (with
 * the error code) when the workflow refused it.
 */
@Injectable()
export class ApproveGateUseCase {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, private readonly audit: AuditService,
    private readonly imports: InventoryImportRepository, private readonly customers: CustomerRepository,
    private readonly statistics: CaseStatisticsRepository, private readonly decisions: GateDecisionRepository,
    private readonly cases: CaseRepository, @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
    private readonly piia: PiiaRepository,
  ) {}

  async execute(caseId: string, gate: GateName, principal: Principal, note?: string): Promise<GateView> {
    if ((await this.cases.findState(caseId))?.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    if (gate === 'inventory') await this.checkInventoryReady(caseId);
    if (gate === 'handover') await this.checkCrossBorderRecorded(caseId);
    // Recorded first (issue 15): the workflow accepts only an approval it finds here, by id.
    const cipher = await this.keys.cipherFor(caseId);
    const approvalId = await this.decisions.record({ caseId, gate, decision: 'approved', decidedBy: principal.id, decidedAt: new Date(), note }, cipher);
    // The intent goes on the record before the workflow acts on it; `gate.approved` is the outcome.
    await this.audit.record({ caseId, action: 'gate.approve.requested', subject: { type: 'gate', id: gate }, data: { gate }, actor: principal });
    try {
      const view = await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(approveGateUpdate, { args: [{ gate, approvalId, approvedBy: principal.id, approvedAt: new Date().toISOString() }] });
      await this.audit.record({ caseId, action: 'gate.approved', subject: { type: 'gate', id: gate }, data: { gate }, actor: principal });
      // A gate ends a phase (the closure gate, the case): the trail so far is sealed.
      await this.audit.checkpoint(caseId);
      if (view.approvedBy && view.approvedAt) {
        // Keyed by the approval's time: a gate approved again after the case was sent back is a new fact.
        await this.statistics.emit(caseId, { kind: 'gate', gate, approval: { approvedBy: view.approvedBy, approvedAt: view.approvedAt } }, `gate:${gate}:${view.approvedAt}`);
      }
      return view;
    } catch (error) {
      // The workflow refused it (or was not reached): the approval never took effect.
      await this.decisions.withdraw(caseId, approvalId);
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const code = errorCodeOf(error.cause.type, 'GATE_REJECTED');
        // Closes the recorded intent: the workflow refused, nothing was approved.
        await this.audit.record({ caseId, action: 'gate.approve.refused', subject: { type: 'gate', id: gate }, data: { gate, code }, actor: principal });
        throw new AppError(code, error.cause.message, HttpStatus.CONFLICT);
      }
      throw error;
    }
  }

  /**
   * PIPL Art. 38 (GDPR Art. 44-46): no data leave for a foreign recipient before the case records
   * the mechanism its requirements name. The requirements are those of the final PIIA, drafted when
   * the inventory gate fixed the routes (the head count decides the mechanism); the rule of what
   * needs recording and what satisfies it is the domain's (cross-border-record.ts).
   */
  private async checkCrossBorderRecorded(caseId: string): Promise<void> {
    const required = (await this.piia.latest(caseId))?.content.requirements.crossBorderMechanism ?? null;
    const recorded = await this.cases.findCrossBorder(caseId);
    if (crossBorderRecordSatisfies(required, recorded?.mechanism)) return;
    const needed = mechanismToRecord(required);
    throw AppError.conflict(
      'CROSS_BORDER_MECHANISM_MISSING',
      `case ${caseId} has a foreign recipient: record the transfer mechanism ${needed} (PUT /v1/cases/${caseId}/cross-border) before the handover gate` +
        (recorded ? ` (recorded: ${recorded.mechanism})` : ''),
    );
  }

  /** The inventory gate fixes the routes: not while an import runs, not on an empty inventory. */
  private async checkInventoryReady(caseId: string): Promise<void> {
    if ((await this.imports.countActive(caseId)) > 0) {
      throw AppError.conflict('IMPORT_RUNNING', `an inventory import of case ${caseId} is still running`);
    }
    if (!(await this.customers.any(caseId))) throw AppError.conflict('INVENTORY_EMPTY', `case ${caseId} has no imported customers`);
  }
}
