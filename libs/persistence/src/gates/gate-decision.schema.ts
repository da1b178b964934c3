import { Schema } from 'mongoose';

/**
 * gate_decisions: one document per decision on a gate (insert-only evidence: a decision is never
 * updated). `_id` = `<caseId>:<gate>:<decisionId>`. Who (the API key's id) and when in clear; the
 * note is ciphertext under the case's data key (a note may name people).
 */
export interface GateDecisionDocument {
  _id: string;
  caseId: string;
  gate: string;
  decision: 'approved';
  decidedBy: string;
  decidedAt: Date;
  noteEnc?: string;
}

export const GATE_DECISION_COLLECTION = 'gate_decisions';

export const gateDecisionSchema = new Schema<GateDecisionDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    gate: { type: String, required: true },
    decision: { type: String, required: true },
    decidedBy: { type: String, required: true },
    decidedAt: { type: Date, required: true },
    noteEnc: String,
  },
  { collection: GATE_DECISION_COLLECTION, versionKey: false },
);

// Serves GET /v1/cases/{id}/gates: a case's decisions in the order they were taken.
gateDecisionSchema.index({ caseId: 1, decidedAt: 1 });
