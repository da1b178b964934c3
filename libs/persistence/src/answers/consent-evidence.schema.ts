import { collectionSchema } from '../collection-schema';
import { ANSWER_DECISIONS, ANSWER_SCOPES } from './answer.entity';

/**
 * consent_evidence: append-only, one document per answer that changed a customer's state
 * (docs/legal.md §3: time, wording version, scope, channel, token hash, IP, user agent). Never updated,
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

export const consentEvidenceSchema = collectionSchema<ConsentEvidenceDocument>(
  { String: ['_id', 'caseId', 'ref', 'wordingVersion', 'tokenHash', 'ipEnc', 'userAgentEnc'], Date: ['at'] },
  {
    decision: { type: String, required: true, enum: ANSWER_DECISIONS },
    scope: { type: String, required: true, enum: ANSWER_SCOPES },
    channel: { type: String, required: true, enum: ['portal-html', 'portal-json'] },
  },
  { collection: CONSENT_EVIDENCE_COLLECTION },
);

// Serves one customer's evidence in time order (find({caseId, ref}).sort({at: 1})): the compliance
// report and a customer's access request; the caseId prefix also serves a case's evidence export.
consentEvidenceSchema.index({ caseId: 1, ref: 1, at: 1 });
