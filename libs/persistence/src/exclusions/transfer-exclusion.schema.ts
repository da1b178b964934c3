import { Schema } from 'mongoose';

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

export const transferExclusionSchema = new Schema<TransferExclusionDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    requestId: { type: String, required: true },
    reason: { type: String, required: true, enum: ['deletion-request', 'objection'] },
    at: { type: Date, required: true },
  },
  { collection: TRANSFER_EXCLUSION_COLLECTION, versionKey: false },
);

// Serves the excluded customers of a case (find({caseId}) for the handover package and the
// counters; countDocuments({caseId}) for the report).
transferExclusionSchema.index({ caseId: 1 });
