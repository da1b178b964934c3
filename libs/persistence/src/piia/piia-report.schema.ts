import { Schema } from 'mongoose';

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

export const piiaReportSchema = new Schema<PiiaReportDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    version: { type: Number, required: true },
    final: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    content: { type: Schema.Types.Mixed, required: true },
  },
  { collection: PIIA_REPORT_COLLECTION, versionKey: false, minimize: false },
);

// Serves latest(caseId): find({caseId}).sort({version:-1}).limit(1). Unique: one document per version.
piiaReportSchema.index({ caseId: 1, version: -1 }, { unique: true });
