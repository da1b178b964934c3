import { collectionSchema } from '../collection-schema';
import type { RejectionEntity } from './rejection.entity';

/**
 * inventory_rejections: one document per quarantined row, `_id` = `<importId>:<line padded>`
 * (see rejectionId): inserting a batch twice is a no-op, so a resumed import never lists a row twice.
 */
export type RejectionDocument = RejectionEntity & { _id: string };

export const REJECTION_COLLECTION = 'inventory_rejections';

export const rejectionSchema = collectionSchema<RejectionDocument>(
  { String: ['_id', 'caseId', 'importId', 'field', 'reason', 'rawEnc'], Number: ['line'], Date: ['createdAt'] },
  {},
  { collection: REJECTION_COLLECTION },
);

// Serves the case's rejected-rows listing in pages: find({caseId, _id:{$gt:after}}).sort({_id:1}).
rejectionSchema.index({ caseId: 1, _id: 1 });
// Serves the rejections of one import (counts and re-import of corrected rows): find({caseId, importId}).
rejectionSchema.index({ caseId: 1, importId: 1 });
