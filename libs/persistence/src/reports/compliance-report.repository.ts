import type { Collection, Connection } from 'mongoose';

/**
 * compliance_reports: one document per case, `_id` = case id, rebuilt (replaced) by the case
 * workflow's report activity, its only writer. Nothing personal about customers: counts, ids,
 * versions, digests, the parties' organisation names. Kept ≥ 3 years; the deletion phase never
 * touches it.
 */
export interface ComplianceReportDocument {
  _id: string;
  caseId: string;
  generatedAt: Date;
  reconciled: boolean;
  json: Record<string, unknown>;
  html: string;
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

  async find(caseId: string): Promise<ComplianceReportDocument | null> {
    return this.collection.findOne({ _id: { $eq: caseId } });
  }
}
