import { collectionSchema } from '../collection-schema';

/**
 * request_decisions: the case manager's decisions on a request, insert-only with `_id` =
 * `<requestId>:resolve` or `<requestId>:extend`. The unique `_id` is the claim: a request is
 * resolved once and extended once, whatever the concurrency (a second insert is a duplicate key →
 * 409), and nothing is ever updated. Reasons are ciphertext under the case key (they may name the
 * customer); complaint route ids and outcomes are in clear.
 */
export interface RequestDecisionDocument {
  _id: string;
  requestId: string;
  caseId: string;
  kind: 'resolve' | 'extend';
  outcome?: 'done' | 'refused';
  reasonsEnc?: string;
  complaintRouteIds?: string[];
  /** Routes the manager added (organisation contacts, not personal data). */
  extraComplaintRoutes?: string[];
  /** extend: the new deadline. */
  dueDate?: string;
  dueAt?: Date;
  remindAt?: Date;
  deadlineReasons?: Array<{ ruleId: string; article: string }>;
  by: string;
  at: Date;
}

export const REQUEST_DECISION_COLLECTION = 'request_decisions';

export const requestDecisionSchema = collectionSchema<RequestDecisionDocument>(
  { String: ['_id', 'requestId', 'caseId', 'by'], Date: ['at'] },
  {
    kind: { type: String, required: true, enum: ['resolve', 'extend'] },
    outcome: { type: String, enum: ['done', 'refused'] },
    reasonsEnc: String,
    complaintRouteIds: { type: [String], default: undefined },
    extraComplaintRoutes: { type: [String], default: undefined },
    dueDate: String,
    dueAt: Date,
    remindAt: Date,
    deadlineReasons: { type: [{ ruleId: String, article: String, _id: false }], default: undefined },
  },
  { collection: REQUEST_DECISION_COLLECTION },
);
// `_id` only: every read is by `<requestId>:<kind>`.
