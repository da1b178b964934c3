import type { Connection, Model } from 'mongoose';
import { FieldCipher, generateDataKey, KeyCache, type MasterKey, type MasterKeyring } from '@handover/crypto';
import { caseKeySchema, CASE_KEY_COLLECTION, type CaseKeyDocument } from './case-key.schema';

const DUPLICATE_KEY = 11000;

/**
 * Hands out the FieldCipher of a case, creating the case's data key on first use: wrapped under the
 * active master key of the keyring (a single MasterKey in tests), unwrapped by the key it names.
 */
export class CaseKeyService {
  private readonly model: Model<CaseKeyDocument>;

  constructor(
    connection: Connection,
    private readonly master: MasterKey | MasterKeyring,
    private readonly cache = new KeyCache(256),
  ) {
    this.model = connection.models[CASE_KEY_COLLECTION] ?? connection.model<CaseKeyDocument>(CASE_KEY_COLLECTION, caseKeySchema);
  }

  /** Creates the key if the case has none; concurrent callers converge on the one stored first. */
  async ensure(caseId: string): Promise<FieldCipher> {
    const existing = await this.cipherFor(caseId);
    if (existing) return existing;
    const { key, keyId } = generateDataKey();
    try {
      await this.model.collection.insertOne({
        _id: caseId,
        keyId,
        wrapped: this.master.wrap(key, caseKeyAad(caseId)),
        createdAt: new Date(),
      } as never);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const cipher = await this.cipherFor(caseId);
    if (!cipher) throw new Error(`case key for ${caseId} vanished while being created`);
    return cipher;
  }

  /** The case's cipher, or null when the case has no key (never created, or shredded). */
  async cipherFor(caseId: string): Promise<FieldCipher | null> {
    const doc = await this.model.findById(caseId).lean<CaseKeyDocument>().exec();
    if (!doc) return null;
    return this.cache.get(doc.keyId, () => FieldCipher.fromDataKey(this.master.unwrap(doc.wrapped, caseKeyAad(caseId)), doc.keyId));
  }

  async require(caseId: string): Promise<FieldCipher> {
    const cipher = await this.cipherFor(caseId);
    if (!cipher) throw new Error(`case ${caseId} has no data key`);
    return cipher;
  }

  /**
   * Destroys the case's data key (crypto-shredding): every ciphertext under it becomes unreadable.
   * Returns the destroyed key id, or null when there was none (already shredded).
   */
  async shred(caseId: string): Promise<string | null> {
    const doc = await this.model.findById(caseId, { keyId: 1 }).lean<CaseKeyDocument>().exec();
    if (!doc) return null;
    await this.model.deleteOne({ _id: caseId }).exec();
    return doc.keyId;
  }
}

/** The AAD a case key is wrapped with (its document's _id: a case id, or a hold key id). */
export const caseKeyAad = (id: string): string => `case-key:${id}`;

/** The id of the key that seals a case's legal holds (storage only; it outlives the case key). */
export const holdKeyId = (caseId: string): string => `${caseId}:hold`;
