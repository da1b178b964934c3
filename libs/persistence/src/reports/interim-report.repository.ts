import type { Collection, Connection } from 'mongoose';
import { pdfBytes, type ComplianceReportDocument } from './compliance-report.repository';

/**
 * interim_reports: compliance reports built on demand before a case closes
 * (`GET /v1/cases/{id}/report?interim=true`), `_id` = the interim id, kept apart from the final
 * report (`compliance_reports`) so an interim one can never be served as final. Nothing personal
 * about customers (the same content as the final report). Written by the worker's report activity.
 */
export type InterimReportDocument = ComplianceReportDocument;

export const INTERIM_REPORT_COLLECTION = 'interim_reports';

export class InterimReportRepository {
  private readonly collection: Collection<InterimReportDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<InterimReportDocument>(INTERIM_REPORT_COLLECTION);
  }

  async save(doc: InterimReportDocument): Promise<void> {
    await this.collection.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  /** The interim report `id` of `caseId` (null for another case's id), its PDF as bytes when it has one. */
  async find(caseId: string, id: string): Promise<(Omit<InterimReportDocument, 'pdf'> & { pdf: Buffer | null }) | null> {
    const doc = await this.collection.findOne({ _id: { $eq: id }, caseId: { $eq: caseId } });
    if (!doc) return null;
    return { ...doc, pdf: pdfBytes(doc.pdf) };
  }
}
