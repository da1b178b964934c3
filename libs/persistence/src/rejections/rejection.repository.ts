import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { duplicateKeyIndexes } from '../customers/bulk-write-errors';
import { normaliseRejectionCursor, rejectionId, type RejectionEntity, type RejectionSummary } from './rejection.entity';
import { keysetPage, type KeysetPage } from '../keyset';
import { rejectionSchema, REJECTION_COLLECTION, type RejectionDocument } from './rejection.schema';

const MAX_PAGE = 10_000;

/** Quarantined inventory rows. Writes are idempotent by `<importId>:<line>`. */
export class RejectionRepository extends CollectionRepository<RejectionDocument> {
  constructor(connection: Connection) {
    super(connection, REJECTION_COLLECTION, rejectionSchema);
  }

  /** Unordered insert; rows already quarantined (same import and line) are skipped silently. */
  async insertMany(rejections: readonly RejectionEntity[]): Promise<{ inserted: number }> {
    if (rejections.length === 0) return { inserted: 0 };
    const docs: RejectionDocument[] = rejections.map((r) => ({
      _id: rejectionId(r.importId, r.line),
      caseId: r.caseId,
      importId: r.importId,
      line: r.line,
      field: r.field,
      reason: r.reason,
      rawEnc: r.rawEnc,
      createdAt: r.createdAt,
    }));
    try {
      const result = await this.raw.insertMany(docs, { ordered: false });
      return { inserted: result.insertedCount };
    } catch (error) {
      const duplicates = duplicateKeyIndexes(error);
      if (duplicates === null) throw error;
      return { inserted: docs.length - duplicates.length };
    }
  }

  /** A page of the case's rejected rows in `_id` order (import, then line), after the cursor. */
  async listByCase(caseId: string, options: { after?: string; limit: number }): Promise<RejectionSummary[]> {
    const limit = Math.min(Math.max(Math.trunc(options.limit), 1), MAX_PAGE);
    const filter: Record<string, unknown> = { caseId: { $eq: caseId } };
    if (options.after !== undefined) filter['_id'] = { $gt: normaliseRejectionCursor(options.after) };
    const docs = await this.raw
      .find(filter as Filter<RejectionDocument>, { projection: { _id: 1, importId: 1, line: 1, field: 1, reason: 1 } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ id: d._id, importId: d.importId, line: d.line, field: d.field, reason: d.reason }));
  }

  /** A page of the case's rejected rows (GET …/inventory/rejected): `_id` order (import, then line), opaque cursor, total. */
  async page(caseId: string, page: { limit: number; cursor?: string | undefined }): Promise<KeysetPage<RejectionSummary>> {
    return keysetPage(
      this.raw,
      { caseId: { $eq: caseId } },
      { order: { field: '_id', direction: 1 }, ...page },
      (d) => ({ id: d._id, importId: d.importId, line: d.line, field: d.field, reason: d.reason }),
      { _id: 1, importId: 1, line: 1, field: 1, reason: 1 },
    );
  }

  async countByCase(caseId: string): Promise<number> {
    return this.raw.countDocuments({ caseId: { $eq: caseId } } as Filter<RejectionDocument>);
  }

  async countByImport(caseId: string, importId: string): Promise<number> {
    return this.raw.countDocuments({ caseId: { $eq: caseId }, importId: { $eq: importId } } as Filter<RejectionDocument>);
  }

  async deleteByImport(caseId: string, importId: string): Promise<number> {
    const result = await this.raw.deleteMany({ caseId: { $eq: caseId }, importId: { $eq: importId } } as Filter<RejectionDocument>);
    return result.deletedCount;
  }

  /** Every rejection of the case with its ciphertext, in `_id` order (import, then line), from a cursor. */
  async *streamWithRaw(caseId: string): AsyncGenerator<RejectionSummary & { rawEnc: string }> {
    const cursor = this.raw
      .find({ caseId: { $eq: caseId } } as Filter<RejectionDocument>, { projection: { _id: 1, importId: 1, line: 1, field: 1, reason: 1, rawEnc: 1 } })
      .sort({ _id: 1 })
      .batchSize(500);
    try {
      for await (const d of cursor) yield { id: d._id, importId: d.importId, line: d.line, field: d.field, reason: d.reason, rawEnc: d.rawEnc };
    } finally {
      await cursor.close();
    }
  }

  /**
   * Removes the case's quarantine entries of these ids (rows corrected and uploaded again, each
   * replacing its entry); ids of other cases are left alone. Returns how many were removed.
   */
  async deleteIds(caseId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.raw.deleteMany({ _id: { $in: [...ids] }, caseId: { $eq: caseId } } as Filter<RejectionDocument>);
    return result.deletedCount;
  }

  /** The encrypted raw record of one rejection (for correction); null when absent. */
  async findRaw(caseId: string, importId: string, line: number): Promise<string | null> {
    const doc = await this.raw.findOne(
      { _id: { $eq: rejectionId(importId, line) }, caseId: { $eq: caseId } } as Filter<RejectionDocument>,
      { projection: { rawEnc: 1 } },
    );
    return doc?.rawEnc ?? null;
  }
}
