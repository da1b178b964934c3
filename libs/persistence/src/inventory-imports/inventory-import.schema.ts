import { collectionSchema } from '../collection-schema';

/**
 * inventory_imports: one document per upload, `_id` = importId. Progress is read from here by the
 * API while the import runs; `checkpointLine` + `counters` are written together (one $set) after
 * each committed batch, so a retried activity resumes with exact counters.
 */
export interface InventoryImportDocument {
  _id: string;
  caseId: string;
  format: string;
  status: string;
  counters: { processed: number; accepted: number; rejected: number; unchanged: number };
  checkpointLine: number;
  upload: { key?: string; /** before the storage port (issue 17) */ path?: string; bytes: number; seal: { wrappedKey: string; iv: string; authTag?: string } };
  encoding?: string;
  header?: { known: string[]; unknown: string[]; hasCustomerId: boolean };
  error?: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

export const INVENTORY_IMPORT_COLLECTION = 'inventory_imports';

export const inventoryImportSchema = collectionSchema<InventoryImportDocument>(
  { String: ['_id', 'caseId', 'format', 'status'], Number: ['checkpointLine'], Date: ['createdAt'] },
  {
    counters: {
      type: { processed: Number, accepted: Number, rejected: Number, unchanged: Number },
      required: true,
      _id: false,
    },
    upload: {
      type: { key: String, path: String, bytes: Number, seal: { type: { wrappedKey: String, iv: String, authTag: String }, _id: false } },
      required: true,
      _id: false,
    },
    encoding: String,
    header: { type: { known: [String], unknown: [String], hasCustomerId: Boolean }, required: false, _id: false },
    error: String,
    startedAt: Date,
    finishedAt: Date,
  },
  { collection: INVENTORY_IMPORT_COLLECTION, minimize: false },
);

// Serves a case's import list, newest first (find({caseId}).sort({createdAt:-1})), and the
// active-import count (countDocuments({caseId, status:{$in:[queued, running]}})).
inventoryImportSchema.index({ caseId: 1, createdAt: -1 });
