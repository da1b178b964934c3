import { collectionSchema } from '../collection-schema';

/**
 * customers: one document per customer of a case. `_id` = `<caseId>:<ref>`, where `ref` is the
 * case's blind index of the transferor's customer_id: the unique primary key makes an import
 * idempotent by customer_id without a transaction, and a case's customers form one contiguous
 * `_id` range (keyset pagination on the one index every backend has).
 *
 * Personal data lives only in `personalEnc` (one AES-256-GCM ciphertext under the case's data key,
 * AAD `<caseId>:customer:<ref>`) and, for equality lookups, in the HMAC blind indexes `emailBi`,
 * `phoneBi`, `idNumberBi`. Everything else is classification, stored in clear so routes and counts
 * never decrypt.
 */
export interface CustomerDocument {
  _id: string;
  caseId: string;
  ref: string;
  importId: string;
  line: number;
  /** HMAC of the canonical validated row: an identical re-import is `unchanged`, not a duplicate. */
  rowHash: string;
  personalEnc: string;
  emailBi?: string;
  phoneBi?: string;
  idNumberBi?: string;
  type: string;
  tier: string;
  productLines: string[];
  sensitive: string[];
  minor: boolean;
  reachable: boolean;
  channels: { email: boolean; phone: boolean };
  legalHold?: { ruleId: string; until: string };
  route?: string;
  transferable?: boolean;
  handover?: boolean;
  noticeChannel?: string;
  noticeAdditions?: string[];
  routeReasons?: Array<{ ruleId: string; article: string }>;
  rulePackVersion?: string;
  routeSealed?: boolean;
  /** Digest of the stored route fields and seal (routeKeyOf). */
  routeKey?: string;
  /** routeSignatureBase at import: lets route writes select their customers in the database. */
  routeSig?: string;
  /** The customer's answer through the portal (set with its evidence in consent_evidence). */
  decision?: 'consent' | 'refuse' | 'object' | 'withdrawn';
  decisionAt?: Date;
  /** Fixed at the deadline by fixOutcomes from the route and the answer (silence is never consent). */
  outcome?: 'transfer' | 'not-transfer';
  outcomeAt?: Date;
  /** The notice language the customer asked for; absent = zh-CN. */
  locale?: 'zh-CN' | 'en';
}

export const CUSTOMER_COLLECTION = 'customers';

export const customerSchema = collectionSchema<CustomerDocument>(
  { String: ['_id', 'caseId', 'ref', 'importId', 'rowHash', 'personalEnc', 'type', 'tier'], Number: ['line'], Boolean: ['minor', 'reachable'] },
  {
    emailBi: String,
    phoneBi: String,
    idNumberBi: String,
    productLines: { type: [String], default: [] },
    sensitive: { type: [String], default: [] },
    channels: { type: { email: Boolean, phone: Boolean }, required: true, _id: false },
    legalHold: { type: { ruleId: String, until: String }, required: false, _id: false },
    route: String,
    transferable: Boolean,
    handover: Boolean,
    noticeChannel: String,
    noticeAdditions: { type: [String], default: undefined },
    routeReasons: { type: [{ ruleId: String, article: String, _id: false }], default: undefined },
    rulePackVersion: String,
    routeSealed: Boolean,
    routeKey: String,
    routeSig: String,
    decision: { type: String, enum: ['consent', 'refuse', 'object', 'withdrawn'] },
    decisionAt: Date,
    outcome: { type: String, enum: ['transfer', 'not-transfer'] },
    outcomeAt: Date,
    locale: { type: String, enum: ['zh-CN', 'en'] },
  },
  { collection: CUSTOMER_COLLECTION, minimize: false },
);

// Serves the route counts of the inventory gate / PIIA (countDocuments({caseId, route})) and the
// later phases' batches of one route (find({caseId, route}) in _id order).
customerSchema.index({ caseId: 1, route: 1 });
// Serves data-subject request lookups by email (find({caseId, emailBi})).
customerSchema.index({ caseId: 1, emailBi: 1 });
// Serves the incident and PIIA counts per sensitive category (countDocuments({caseId, sensitive: c})).
customerSchema.index({ caseId: 1, sensitive: 1 });
// Serves the consented / refused / objected counters of the case status
// (countDocuments({caseId, decision})) and the reminders to those who have not answered
// ({caseId, decision: {$exists: false}}).
customerSchema.index({ caseId: 1, decision: 1 });
// Serves the transferred / not-transferred counters (countDocuments({caseId, outcome})) and the
// handover and deletion phases' batches of one outcome (find({caseId, outcome}) in _id order).
customerSchema.index({ caseId: 1, outcome: 1 });
