import { collectionSchema } from '../collection-schema';

/**
 * requests: one document per data-subject request, `_id` = the request id (`rq_…`, opaque).
 * Inserted once by the portal (customer) or the admin API (manager on the customer's behalf); from
 * then on written only by its own `dataSubjectRequestWorkflow`'s activities, one at a time (one
 * writer per document). The message and proposed corrections are ciphertext under the case key
 * (AAD `<caseId>:request:<requestId>:<field>`); everything else is ids, enums and times.
 */
export interface RequestDocument {
  _id: string;
  caseId: string;
  /** The customer document's `_id` (`<caseId>:<ref>`). */
  customerId: string;
  ref: string;
  type: string;
  filedBy: 'customer' | 'manager';
  /** Opaque principal id (API key id) or `customer`. */
  filedById: string;
  channel: 'portal-json' | 'portal-html' | 'admin-api';
  filedAt: Date;
  jurisdiction: string;
  phaseAtFiling: string;
  dueDate: string;
  dueAt: Date;
  remindAt: Date;
  deadlineReasons: Array<{ ruleId: string; article: string }>;
  calendarId: string;
  /** The case policy's requestDeadline when it replaced the profile. */
  deadlineOverride?: string;
  messageEnc?: string;
  correctionsEnc?: string;
  locale?: 'zh-CN' | 'en';
  /** Set at filing when the request took the customer out of the transfer. */
  exclusion?: 'deletion-request' | 'objection';
  status: 'open' | 'resolved';
  extended: boolean;
  originalDueAt?: Date;
  extendedAt?: Date;
  remindedAt?: Date;
  escalatedAt?: Date;
  forwardedAt?: Date;
  resolvedAt?: Date;
  outcome?: 'done' | 'refused';
  appliedAt?: Date;
  answeredAt?: Date;
}

export const REQUEST_COLLECTION = 'requests';

export const requestSchema = collectionSchema<RequestDocument>(
  {
    String: ['_id', 'caseId', 'customerId', 'ref', 'type', 'filedById', 'channel', 'jurisdiction', 'phaseAtFiling', 'dueDate', 'calendarId'],
    Date: ['filedAt', 'dueAt', 'remindAt'],
    Boolean: ['extended'],
  },
  {
    filedBy: { type: String, required: true, enum: ['customer', 'manager'] },
    deadlineReasons: { type: [{ ruleId: String, article: String, _id: false }], default: [] },
    deadlineOverride: String,
    messageEnc: String,
    correctionsEnc: String,
    locale: { type: String, enum: ['zh-CN', 'en'] },
    exclusion: { type: String, enum: ['deletion-request', 'objection'] },
    status: { type: String, required: true, enum: ['open', 'resolved'] },
    originalDueAt: Date,
    extendedAt: Date,
    remindedAt: Date,
    escalatedAt: Date,
    forwardedAt: Date,
    resolvedAt: Date,
    outcome: { type: String, enum: ['done', 'refused'] },
    appliedAt: Date,
    answeredAt: Date,
  },
  { collection: REQUEST_COLLECTION },
);

// Serves GET /v1/requests?caseId=&status= and the compliance report (find({caseId[, status]}).sort({filedAt: 1})).
requestSchema.index({ caseId: 1, status: 1, filedAt: 1 });
// Serves a customer's own requests (find({customerId})), e.g. the portal page's list.
requestSchema.index({ customerId: 1 });
