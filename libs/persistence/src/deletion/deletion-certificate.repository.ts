import type { Collection as DriverCollection } from 'mongodb';
import type { Collection, Connection } from 'mongoose';
import { sha256Hex } from '@handover/crypto';
import { keysetPage, type KeysetPage } from '../keyset';

/** What a certificate attests the destruction of. */
export type DeletionStage = 'cancelled-discard' | 'transferred-copies' | 'not-transferred' | 'unchanged-working-copies' | 'holds-sealed' | 'quarantine-and-uploads' | 'case-key' | 'hold-expired' | 'hold-key';

/**
 * deletion_certificates: one document per (case, stage), `_id` = `<caseId>:<stage>`, written once
 * by an insert (a retry finds it and keeps the first). A stage that recurs (holds ending on
 * different dates) adds a `part` to the id: `<caseId>:<stage>:<part>`. Nothing personal: counts, the method, the
 * time, and SHA-256 digests — of the destroyed key ids, and of the sorted record ids the stage
 * covered, so an auditor holding a record id can check it was included without the certificate
 * listing anyone.
 */
export interface DeletionCertificateDocument {
  _id: string;
  caseId: string;
  stage: DeletionStage;
  count: number;
  method: string;
  at: Date;
  /** SHA-256 (hex) of each destroyed key id. */
  destroyedKeyIdHashes: string[];
  /** SHA-256 (hex) over the newline-joined sorted ids of the records of the stage. */
  recordsDigest: string;
}

export const DELETION_CERTIFICATE_COLLECTION = 'deletion_certificates';

const DUPLICATE_KEY = 11000;

export class DeletionCertificateRepository {
  private readonly collection: Collection<DeletionCertificateDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<DeletionCertificateDocument>(DELETION_CERTIFICATE_COLLECTION);
  }

  /** `{caseId: 1, stage: 1}` — the report lists a case's certificates in stage order. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ caseId: 1, stage: 1 });
  }

  /** Writes the stage's certificate unless one exists; returns the stored one either way. */
  async issue(input: Omit<DeletionCertificateDocument, '_id'>, part?: string): Promise<DeletionCertificateDocument> {
    const doc: DeletionCertificateDocument = { _id: `${input.caseId}:${input.stage}${part ? `:${part}` : ''}`, ...input };
    try {
      await this.collection.insertOne(doc);
      return doc;
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const stored = await this.collection.findOne({ _id: doc._id });
      if (!stored) throw new Error(`deletion certificate ${doc._id} vanished`);
      return stored;
    }
  }

  async listByCase(caseId: string): Promise<DeletionCertificateDocument[]> {
    return this.collection.find({ caseId: { $eq: caseId } }).toArray();
  }

  /** A keyset page of the case's certificates in the order they were issued (API list). */
  async page(caseId: string, page: { limit: number; cursor?: string }): Promise<KeysetPage<DeletionCertificateDocument>> {
    const collection = this.collection as unknown as DriverCollection<DeletionCertificateDocument>;
    return keysetPage(collection, { caseId: { $eq: caseId } }, { order: { field: 'at', direction: 1 }, ...page }, (doc) => doc);
  }
}

/** Digest of a set of record ids, independent of the order they were met in. */
export function recordsDigest(ids: Iterable<string>): string {
  return sha256Hex([...ids].sort().join('\n'));
}
