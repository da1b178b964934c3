import { collectionSchema } from '../collection-schema';
import { THIRD_PARTY_ANSWER_KINDS, THIRD_PARTY_STATUSES } from '@handover/contracts';

/**
 * third_parties: one document per processor or partner that received a case's data. Name and
 * email are ciphertext under the case's data key (AAD `<caseId>:third-party:<_id>:<field>`);
 * status, dates, categories, answer kind and the late flag are plaintext (counters and lists
 * read them without a key).
 *
 * Writers, one at a time: the admin API inserts it (`pending`); the third-party workflow's
 * activities move it `pending → requested` (before its link exists, so no answer can race that
 * write) and `requested → overdue` at the deadline; the portal projects an answer onto it
 * (`confirmed`/`exception`, confirmedAt, late) after inserting the answer document. The answer
 * document is the truth: reads derive the status from it, and the overdue pass re-applies any
 * answer it may have overwritten (see docs/architecture.md, "Third parties").
 */
export interface ThirdPartyDocument {
  _id: string;
  caseId: string;
  nameEnc: string;
  emailEnc: string;
  categories: string[];
  status: string;
  createdAt: Date;
  createdBy?: string;
  requestedAt?: Date;
  dueAt?: Date;
  overdueAt?: Date;
  confirmedAt?: Date;
  late?: boolean;
  answerKind?: string;
}

export const THIRD_PARTY_COLLECTION = 'third_parties';

export const thirdPartySchema = collectionSchema<ThirdPartyDocument>(
  { String: ['_id', 'caseId', 'nameEnc', 'emailEnc'], Date: ['createdAt'] },
  {
    categories: { type: [String], required: true },
    status: { type: String, required: true, enum: THIRD_PARTY_STATUSES },
    createdBy: String,
    requestedAt: Date,
    dueAt: Date,
    overdueAt: Date,
    confirmedAt: Date,
    late: Boolean,
    answerKind: { type: String, enum: THIRD_PARTY_ANSWER_KINDS },
  },
  { collection: THIRD_PARTY_COLLECTION },
);

// Serves a case's third parties in the order they were added (GET /v1/cases/{id}/third-parties,
// the workflow's passes, the report) and, by its caseId prefix, the case counter `thirdParties`.
thirdPartySchema.index({ caseId: 1, createdAt: 1 });
// Serves the case counter `thirdPartiesConfirmed` (countDocuments({caseId, status: 'confirmed'})).
thirdPartySchema.index({ caseId: 1, status: 1 });
