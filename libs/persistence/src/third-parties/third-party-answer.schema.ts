import { collectionSchema } from '../collection-schema';
import { THIRD_PARTY_ANSWER_KINDS } from '@handover/contracts';

/**
 * third_party_answers: the confirmation evidence, one document per third party, `_id` = the third
 * party's id. Written once by an insert (the unique `_id` is the claim: the first answer wins, a
 * retry of the same answer changes nothing, a different one is refused), never updated, kept for
 * the records of deletion (NDSMR Art. 12, ≥ 3 years). Who confirmed, how, the explanation or
 * legal basis, IP and user agent are ciphertext under the case key (AAD
 * `<caseId>:third-party-answer:<_id>:<field>`); kind, dates, channel, token hash and the late flag
 * are plaintext.
 */
export interface ThirdPartyAnswerDocument {
  _id: string;
  caseId: string;
  kind: string;
  confirmedByEnc: string;
  methodEnc?: string;
  deletedAt?: string;
  explanationEnc?: string;
  basisEnc?: string;
  retainedUntil?: string;
  channel: string;
  tokenHash: string;
  ipEnc: string;
  userAgentEnc: string;
  at: Date;
  /** The due time the answer was judged against (absent when none was set). */
  dueAt?: Date;
  late: boolean;
}

export const THIRD_PARTY_ANSWER_COLLECTION = 'third_party_answers';

export const thirdPartyAnswerSchema = collectionSchema<ThirdPartyAnswerDocument>(
  { String: ['_id', 'caseId', 'confirmedByEnc', 'tokenHash', 'ipEnc', 'userAgentEnc'], Date: ['at'], Boolean: ['late'] },
  {
    kind: { type: String, required: true, enum: THIRD_PARTY_ANSWER_KINDS },
    methodEnc: String,
    deletedAt: String,
    explanationEnc: String,
    basisEnc: String,
    retainedUntil: String,
    channel: { type: String, required: true, enum: ['portal-html', 'portal-json'] },
    dueAt: Date,
  },
  { collection: THIRD_PARTY_ANSWER_COLLECTION },
);

// Serves a case's answers (find({caseId})): status derivation of the list and the workflow's
// summary, the overdue pass's repair, the compliance report.
thirdPartyAnswerSchema.index({ caseId: 1 });
