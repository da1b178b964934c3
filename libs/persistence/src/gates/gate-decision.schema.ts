import { collectionSchema } from '../collection-schema';

/**
 * gate_decisions: one document per decision on a gate (insert-only evidence: a decision is never
 * updated). `_id` = `<caseId>:<gate>:<decisionId>`. Who (the API key's id) and when in clear; the
 * note is ciphertext under the case's data key (a note may name people).
 */
export interface GateDecisionDocument {
  _id: string;
  caseId: string;
  gate: string;
  decision: 'approved' | 'rejected' | 'overridden';
  decidedBy: string;
  decidedAt: Date;
  noteEnc?: string;
}

export const GATE_DECISION_COLLECTION = 'gate_decisions';

export const gateDecisionSchema = collectionSchema<GateDecisionDocument>(
  { String: ['_id', 'caseId', 'gate', 'decision', 'decidedBy'], Date: ['decidedAt'] },
  { noteEnc: String },
  { collection: GATE_DECISION_COLLECTION },
);

// Serves GET /v1/cases/{id}/gates: a case's decisions in the order they were taken.
gateDecisionSchema.index({ caseId: 1, decidedAt: 1 });
