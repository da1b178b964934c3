import { CollectionRepository } from '../collection-repository';
import type { Connection } from 'mongoose';
import { DUPLICATE_KEY } from '../customers/bulk-write-errors';
import { piiaReportId, type PiiaContent, type PiiaReportEntity } from './piia-report.entity';
import { piiaReportSchema, PIIA_REPORT_COLLECTION, type PiiaReportDocument } from './piia-report.schema';

/** PIIA versions of a case. */
export class PiiaRepository extends CollectionRepository<PiiaReportDocument> {
  constructor(connection: Connection) {
    super(connection, PIIA_REPORT_COLLECTION, piiaReportSchema);
  }

  /** Stores a version; false when that version already exists (a concurrent draft took it). */
  async save(report: PiiaReportEntity): Promise<boolean> {
    try {
      await this.model.collection.insertOne({
        _id: piiaReportId(report.caseId, report.version),
        caseId: report.caseId,
        version: report.version,
        final: report.final,
        createdAt: report.createdAt,
        content: report.content,
      } as never);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async latest(caseId: string): Promise<PiiaReportEntity | null> {
    const doc = await this.model
      .findOne({ caseId: { $eq: caseId } })
      .sort({ version: -1 })
      .lean<PiiaReportDocument>()
      .exec();
    return doc ? toDomain(doc) : null;
  }

  async find(caseId: string, version: number): Promise<PiiaReportEntity | null> {
    const doc = await this.model.findById(piiaReportId(caseId, version)).lean<PiiaReportDocument>().exec();
    return doc ? toDomain(doc) : null;
  }
}

function toDomain(doc: PiiaReportDocument): PiiaReportEntity {
  return { caseId: doc.caseId, version: doc.version, final: doc.final, createdAt: doc.createdAt, content: doc.content as unknown as PiiaContent };
}
