import { Schema } from 'mongoose';
import { ANSWER_DECISIONS, ANSWER_SCOPES } from './answer.entity';

/**
 * consent_evidence: append-only, one document per answer that changed a customer's state
 * (LEGAL.md §3: time, wording version, scope, channel, token hash, IP, user agent). Never updated,
 * never deleted with the answer it proves (a withdrawal adds a record; it does not erase the
 * consent). IP and user agent are personal data: ciphertext under the case's data key, AAD
 * `<caseId>:consent-evidence:<_id>:<field>`.
 */
export interface ConsentEvidenceDocument {
  _id: string;
  caseId: string;
  ref: string;
  decision: string;
  scope: string;
  wordingVersion: string;
  channel: string;
  tokenHash: string;
  ipEnc: string;
  userAgentEnc: string;
  at: Date;
}

export const CONSENT_EVIDENCE_COLLECTION = 'consent_evidence';

export const consentEvidenceSchema = new Schema<ConsentEvidenceDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    ref: { type: String, required: true },
    decision: { type: String, required: true, enum: ANSWER_DECISIONS },
    scope: { type: String, required: true, enum: ANSWER_SCOPES },
    wordingVersion: { type: String, required: true },
    channel: { type: String, required: true, enum: ['portal-html', 'portal-json'] },
    tokenHash: { type: String, required: true },
    ipEnc: { type: String, required: true },
    userAgentEnc: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: CONSENT_EVIDENCE_COLLECTION, versionKey: false },
);

// Serves one customer's evidence in time order (find({caseId, ref}).sort({at: 1})): the compliance
// report and a customer's access request; the caseId prefix also serves a case's evidence export.
consentEvidenceSchema.index({ caseId: 1, ref: 1, at: 1 });
