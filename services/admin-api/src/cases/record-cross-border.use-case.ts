import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { CrossBorderMechanism } from '@handover/domain';
import { CaseRepository, GateDecisionRepository } from '@handover/persistence';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import type { CrossBorderDto } from './cross-border.dto';

/**
 * `PUT /v1/cases/{id}/cross-border`: records (or replaces) the transfer mechanism of a foreign
 * recipient, which the handover gate's approval checks (ApproveGateUseCase). Once the handover
 * gate is approved the data have left: the record that allowed it is evidence and stays (409).
 */
@Injectable()
export class RecordCrossBorderUseCase {
  constructor(private readonly cases: CaseRepository, private readonly decisions: GateDecisionRepository, private readonly audit: AuditService) {}

  async execute(caseId: string, input: { mechanism: string; reference: string }, principal: Principal): Promise<CrossBorderDto> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'closed') throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed`);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    const decisions = await this.decisions.listByCase(caseId, null);
    if (decisions.some((d) => d.gate === 'handover' && d.decision === 'approved')) {
      throw AppError.conflict('CASE_HANDED_OVER', `the handover gate of case ${caseId} is approved: the recorded mechanism stays`);
    }
    const record = { mechanism: input.mechanism as CrossBorderMechanism, reference: input.reference, recordedBy: principal.id, recordedAt: new Date() };
    if (!(await this.cases.recordCrossBorder(caseId, record))) throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed or cancelled`);
    await this.audit.record({
      caseId,
      action: 'case.cross-border-recorded',
      subject: { type: 'case', id: caseId },
      data: { mechanism: record.mechanism, reference: record.reference },
      actor: principal,
    });
    return { ...record, recordedAt: record.recordedAt.toISOString() };
  }
}
