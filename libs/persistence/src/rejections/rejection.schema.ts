import { Schema } from 'mongoose';

/**
 * inventory_rejections: one document per quarantined row, `_id` = `<importId>:<line padded>`
 * (see rejectionId): inserting a batch twice is a no-op, so a resumed import never lists a row twice.
 */
export interface RejectionDocument {
  _id: string;
  caseId: string;
  importId: string;
  line: number;
  field: string;
  reason: string;
  rawEnc: string;
  createdAt: Date;
}

export const REJECTION_COLLECTION = 'inventory_rejections';

export const rejectionSchema = new Schema<RejectionDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    importId: { type: String, required: true },
    line: { type: Number, required: true },
    field: { type: String, required: true },
    reason: { type: String, required: true },
    rawEnc: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: REJECTION_COLLECTION, versionKey: false },
);

// Serves the case's rejected-rows listing in pages: find({caseId, _id:{$gt:after}}).sort({_id:1}).
rejectionSchema.index({ caseId: 1, _id: 1 });
// Serves the rejections of one import (counts and re-import of corrected rows): find({caseId, importId}).
rejectionSchema.index({ caseId: 1, importId: 1 });
