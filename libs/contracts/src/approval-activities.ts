import type { GateName } from './transfer-case';

/** Who approved, as the API recorded it (an opaque API key or user id). */
export interface VerifiedApproval {
  approvedBy: string;
}

/** Activities that check a command against what the API recorded (issue 15); in activities/src/cases. */
export interface ApprovalActivities {
  /**
   * The approval decision `approvalId` of this case's gate, as the API recorded it before sending
   * the update; null (and a security warning in the worker's log) when there is none.
   */
  verifyGateApproval(input: { caseId: string; gate: GateName; approvalId: string }): Promise<VerifiedApproval | null>;
}
