import { Binary } from 'mongodb';
import type { Collection, Connection } from 'mongoose';

/**
 * compliance_reports: one document per case, `_id` = case id, rebuilt (replaced) by the case
 * workflow's report activity, its only writer. Nothing personal about customers: counts, ids,
 * versions, digests, the parties' organisation names. Kept ≥ 3 years; the deletion phase never
 * touches it. `pdf` is the HTML printed by Chromium when the report was built (A4, a few hundred
 * KB at most: well inside a document); reads of the report leave it out.
 */
export interface ComplianceReportDocument {
  _id: string;
  caseId: string;
  generatedAt: Date;
  reconciled: boolean;
  json: Record<string, unknown>;
  html: string;
  pdf?: Buffer;
}

export const COMPLIANCE_REPORT_COLLECTION = 'compliance_reports';

export class ComplianceReportRepository {
  private readonly collection: Collection<ComplianceReportDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ComplianceReportDocument>(COMPLIANCE_REPORT_COLLECTION);
  }

  async save(doc: ComplianceReportDocument): Promise<void> {
    await this.collection.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  /** The report without its PDF. */
  async find(caseId: string): Promise<Omit<ComplianceReportDocument, 'pdf'> | null> {
    return this.collection.findOne({ _id: { $eq: caseId } }, { projection: { pdf: 0 } });
  }

  /** The stored PDF's bytes; null when there is no report or it was built without one. */
  async findPdf(caseId: string): Promise<Buffer | null> {
    const doc = await this.collection.findOne({ _id: { $eq: caseId } }, { projection: { pdf: 1 } });
    return pdfBytes(doc?.pdf);
  }
}

/** A stored PDF as bytes (the driver returns BSON Binary), null when there is none. */
export function pdfBytes(stored: unknown): Buffer | null {
  if (stored instanceof Binary) return Buffer.from(stored.buffer);
  if (stored instanceof Uint8Array) return Buffer.from(stored);
  return null;
}
