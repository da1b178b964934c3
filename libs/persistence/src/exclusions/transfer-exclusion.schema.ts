import { collectionSchema } from '../collection-schema';

/**
 * transfer_exclusions: one document per customer taken out of the transfer by a data-subject
 * request filed before the handover. `_id` = the customer document's `_id` (`<caseId>:<ref>`):
 * insert-only, so the first exclusion wins and a repeat is a duplicate key, never an update
 * (FerretDB v1 loses concurrent updates; inserts with a unique `_id` are atomic). Ids and enums only.
 */
export interface TransferExclusionDocument {
  _id: string;
  caseId: string;
  requestId: string;
  reason: 'deletion-request' | 'objection';
  at: Date;
}

export const TRANSFER_EXCLUSION_COLLECTION = 'transfer_exclusions';

export const transferExclusionSchema = collectionSchema<TransferExclusionDocument>(
  { String: ['_id', 'caseId', 'requestId'], Date: ['at'] },
  { reason: { type: String, required: true, enum: ['deletion-request', 'objection'] } },
  { collection: TRANSFER_EXCLUSION_COLLECTION },
);

// Serves the excluded customers of a case (find({caseId}) for the handover package and the
// counters; countDocuments({caseId}) for the report).
transferExclusionSchema.index({ caseId: 1 });
