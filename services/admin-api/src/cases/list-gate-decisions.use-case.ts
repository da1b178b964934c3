import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseKeyService, CaseRepository, GateDecisionRepository } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import type { GateDecisionsDto } from './gate-decisions.dto';

/** GET /v1/cases/{id}/gates: every decision taken on the case's gates, with its note (decrypted). */
@Injectable()
export class ListGateDecisionsUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly decisions: GateDecisionRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
  ) {}

  async execute(caseId: string): Promise<GateDecisionsDto> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    // A closed case's key is shredded: the decisions stay, their notes can no longer be read.
    const cipher = await this.keys.cipherFor(caseId);
    const decisions = await this.decisions.listByCase(caseId, cipher);
    return {
      caseId,
      decisions: decisions.map((d) => ({ gate: d.gate, decision: d.decision, decidedBy: d.decidedBy, decidedAt: d.decidedAt.toISOString(), ...(d.note !== undefined && { note: d.note }) })),
    };
  }
}
