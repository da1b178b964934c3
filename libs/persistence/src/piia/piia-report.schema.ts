import { collectionSchema } from '../collection-schema';

/**
 * piia_reports: `_id` = `<caseId>:<version zero-padded to 6>`; versions only grow (a new draft is
 * a new document), and the padded id makes "latest" the last `_id` of the case's range.
 */
export interface PiiaReportDocument {
  _id: string;
  caseId: string;
  version: number;
  final: boolean;
  createdAt: Date;
  content: Record<string, unknown>;
}

export const PIIA_REPORT_COLLECTION = 'piia_reports';

export const piiaReportSchema = collectionSchema<PiiaReportDocument>(
  { String: ['_id', 'caseId'], Number: ['version'], Boolean: ['final'], Date: ['createdAt'], Mixed: ['content'] },
  {},
  { collection: PIIA_REPORT_COLLECTION, minimize: false },
);

// Serves latest(caseId): find({caseId}).sort({version:-1}).limit(1). Unique: one document per version.
piiaReportSchema.index({ caseId: 1, version: -1 }, { unique: true });
