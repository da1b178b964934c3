import { assertBlobKey, uploadKeyOf } from '../storage/blob-store';
import { CollectionRepository } from '../collection-repository';
import type { Connection } from 'mongoose';
import type { InventoryFormat } from '@handover/contracts';
import {
  ZERO_COUNTERS,
  type HeaderSummary,
  type ImportCheckpoint,
  type ImportCounters,
  type ImportStatus,
  type InventoryImportEntity,
  type NewInventoryImport,
} from './inventory-import.entity';
import { inventoryImportSchema, INVENTORY_IMPORT_COLLECTION, type InventoryImportDocument } from './inventory-import.schema';

/** Reason codes are stored as given only when they look like one; anything else becomes IMPORT_FAILED. */
const REASON_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Imports of inventory files: creation by the API, progress and outcome by the import activity. */
export class InventoryImportRepository extends CollectionRepository<InventoryImportDocument> {
  constructor(connection: Connection) {
    super(connection, INVENTORY_IMPORT_COLLECTION, inventoryImportSchema);
  }

  async create(input: NewInventoryImport): Promise<void> {
    const doc: InventoryImportDocument = {
      _id: input.id,
      caseId: input.caseId,
      format: input.format,
      status: 'queued',
      counters: { ...ZERO_COUNTERS },
      checkpointLine: 0,
      upload: { key: assertBlobKey(input.upload.key), bytes: input.upload.bytes, seal: { ...input.upload.seal } },
      createdAt: input.createdAt,
    };
    await this.model.collection.insertOne(doc as never);
  }

  async find(id: string): Promise<InventoryImportEntity | null> {
    const doc = await this.model.findById(id).lean<InventoryImportDocument>().exec();
    return doc ? toDomain(doc) : null;
  }

  /** The import, only if it belongs to the case (tenancy: an import id alone never crosses cases). */
  async findForCase(caseId: string, id: string): Promise<InventoryImportEntity | null> {
    const doc = await this.model
      .findOne({ _id: { $eq: id }, caseId: { $eq: caseId } })
      .lean<InventoryImportDocument>()
      .exec();
    return doc ? toDomain(doc) : null;
  }

  async listByCase(caseId: string, limit = 100): Promise<InventoryImportEntity[]> {
    const docs = await this.model
      .find({ caseId: { $eq: caseId } })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .lean<InventoryImportDocument[]>()
      .exec();
    return docs.map(toDomain);
  }

  /**
   * Marks the import running and returns its start time: the first attempt's, kept by retries so
   * that every attempt classifies with the same reference date.
   */
  async markRunning(id: string, at: Date = new Date()): Promise<Date> {
    await this.model.updateOne({ _id: id, startedAt: { $exists: false } }, { $set: { startedAt: at } }).exec();
    await this.model.updateOne({ _id: id }, { $set: { status: 'running' } }).exec();
    const doc = await this.model.findById(id, { startedAt: 1 }).lean<Pick<InventoryImportDocument, 'startedAt'>>().exec();
    return doc?.startedAt ?? at;
  }

  /** Counters and the committed line in one $set: a reader never sees one without the other. */
  async saveCheckpoint(id: string, checkpoint: ImportCheckpoint): Promise<void> {
    await this.model
      .updateOne({ _id: id }, { $set: { counters: countersOf(checkpoint), checkpointLine: checkpoint.line } })
      .exec();
  }

  /** The file's encoding and header column names, once known. */
  async saveFileInfo(id: string, info: { encoding?: string; header?: HeaderSummary }): Promise<void> {
    const set: Record<string, unknown> = {};
    if (info.encoding !== undefined) set['encoding'] = info.encoding;
    if (info.header !== undefined) set['header'] = { known: [...info.header.known], unknown: [...info.header.unknown], hasCustomerId: info.header.hasCustomerId };
    if (Object.keys(set).length > 0) await this.model.updateOne({ _id: id }, { $set: set }).exec();
  }

  async markDone(id: string, counters: ImportCounters, at: Date = new Date()): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'done', counters: countersOf(counters), finishedAt: at } }).exec();
  }

  /** `reason`: a code such as IMPORT_UNREADABLE (never a message that could carry file content). */
  async markFailed(id: string, reason: string, at: Date = new Date()): Promise<void> {
    const error = REASON_CODE.test(reason) ? reason : 'IMPORT_FAILED';
    await this.model.updateOne({ _id: id }, { $set: { status: 'failed', error, finishedAt: at } }).exec();
  }

  /** Imports of the case still queued or running. */
  async countActive(caseId: string): Promise<number> {
    return this.model.countDocuments({ caseId: { $eq: caseId }, status: { $in: ['queued', 'running'] } }).exec();
  }
}

function countersOf(c: ImportCounters): ImportCounters {
  return { processed: c.processed, accepted: c.accepted, rejected: c.rejected, unchanged: c.unchanged };
}

function toDomain(doc: InventoryImportDocument): InventoryImportEntity {
  return {
    id: doc._id,
    caseId: doc.caseId,
    format: doc.format as InventoryFormat,
    status: doc.status as ImportStatus,
    counters: countersOf({ ...ZERO_COUNTERS, ...doc.counters }),
    checkpointLine: doc.checkpointLine ?? 0,
    upload: {
      // A key read back is re-validated; an import stored before the storage port has a file path
      // instead, always `<data dir>/uploads/<importId>.enc`: the key of that file is derived from the id.
      key: doc.upload.key !== undefined ? assertBlobKey(doc.upload.key) : uploadKeyOf(doc._id),
      bytes: doc.upload.bytes,
      seal: { wrappedKey: doc.upload.seal.wrappedKey, iv: doc.upload.seal.iv, ...(doc.upload.seal.authTag && { authTag: doc.upload.seal.authTag }) },
    },
    ...(doc.encoding !== undefined && { encoding: doc.encoding }),
    ...(doc.header && { header: { known: [...doc.header.known], unknown: [...doc.header.unknown], hasCustomerId: doc.header.hasCustomerId } }),
    ...(doc.error !== undefined && { error: doc.error }),
    createdAt: doc.createdAt,
    ...(doc.startedAt && { startedAt: doc.startedAt }),
    ...(doc.finishedAt && { finishedAt: doc.finishedAt }),
  };
}
