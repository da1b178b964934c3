import type { ApprovalActivities } from '@handover/contracts';
import type { GateDecisionRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';

export interface ApprovalActivityDeps {
  decisions: GateDecisionRepository;
  logger: Pick<Logger, 'warn'>;
}

/**
 * The case workflow's check that an approval came through the API (issue 15): an update sent
 * straight to Temporal, even sealed by the codec, names no decision the API recorded.
 */
export function createApprovalActivities(deps: ApprovalActivityDeps): ApprovalActivities {
  return {
    async verifyGateApproval({ caseId, gate, approvalId }) {
      const decision = approvalId ? await deps.decisions.findDecision(caseId, gate, approvalId) : null;
      if (decision?.decision === 'approved') return { approvedBy: decision.decidedBy };
      // Ids only: the case, the gate, whether an id was given at all.
      deps.logger.warn({ event: 'security.unverified-approval', caseId, gate, approvalIdGiven: Boolean(approvalId) }, 'gate approval refused: not recorded by the API');
      return null;
    },
  };
}
