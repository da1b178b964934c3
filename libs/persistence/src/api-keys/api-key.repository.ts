import { CollectionRepository } from '../collection-repository';
import type { Connection } from 'mongoose';
import { apiKeySchema, API_KEY_COLLECTION, type ApiKeyDocument } from './api-key.schema';
import type { ApiKeyEntity, ApiKeySummary } from './api-key.entity';

/** Stores API keys (hashes only), finds them by token hash, revokes them and records their use. */
export class ApiKeyRepository extends CollectionRepository<ApiKeyDocument> {
  constructor(connection: Connection) {
    super(connection, API_KEY_COLLECTION, apiKeySchema);
  }

  async create(entity: ApiKeyEntity): Promise<void> {
    await this.model.collection.insertOne(toPersistence(entity) as never);
  }

  async findByTokenHash(tokenHash: string): Promise<ApiKeyEntity | null> {
    const doc = await this.model.findOne({ tokenHash: { $eq: tokenHash } }).lean<ApiKeyDocument>().exec();
    return doc ? toDomain(doc) : null;
  }

  async findById(id: string): Promise<ApiKeyEntity | null> {
    const doc = await this.model.findById(id).lean<ApiKeyDocument>().exec();
    return doc ? toDomain(doc) : null;
  }

  /** Every key, oldest first, without hashes. */
  async list(): Promise<ApiKeySummary[]> {
    const docs = await this.model.find({}, { tokenHash: 0 }).sort({ createdAt: 1, _id: 1 }).lean<ApiKeyDocument[]>().exec();
    return docs.map(toSummary);
  }

  /** Marks the key revoked; false when it does not exist or was already revoked. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at } }).exec();
    return result.modifiedCount === 1;
  }

  /**
   * Records a use of the key, but writes only when the stored lastUsedAt is older than
   * `minIntervalMs` (several API processes then still write at most about once per interval).
   */
  async touch(id: string, at: Date, minIntervalMs: number): Promise<void> {
    const before = new Date(at.getTime() - minIntervalMs);
    await this.model
      .updateOne({ _id: id, $or: [{ lastUsedAt: { $exists: false } }, { lastUsedAt: { $lte: before } }] }, { $set: { lastUsedAt: at } })
      .exec();
  }
}

function toPersistence(entity: ApiKeyEntity): ApiKeyDocument {
  return {
    _id: entity.id,
    name: entity.name,
    role: entity.role,
    ...(entity.team !== undefined && { team: entity.team }),
    tokenHash: entity.tokenHash,
    createdAt: entity.createdAt,
    ...(entity.lastUsedAt && { lastUsedAt: entity.lastUsedAt }),
    ...(entity.revokedAt && { revokedAt: entity.revokedAt }),
    ...(entity.expiresAt && { expiresAt: entity.expiresAt }),
  };
}

function toSummary(doc: Omit<ApiKeyDocument, 'tokenHash'>): ApiKeySummary {
  return {
    id: doc._id,
    name: doc.name,
    role: doc.role,
    ...(doc.team !== undefined && doc.team !== null && { team: doc.team }),
    createdAt: doc.createdAt,
    ...(doc.lastUsedAt && { lastUsedAt: doc.lastUsedAt }),
    ...(doc.revokedAt && { revokedAt: doc.revokedAt }),
    ...(doc.expiresAt && { expiresAt: doc.expiresAt }),
  };
}

function toDomain(doc: ApiKeyDocument): ApiKeyEntity {
  return { ...toSummary(doc), tokenHash: doc.tokenHash };
}
