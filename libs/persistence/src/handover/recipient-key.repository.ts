import type { Collection, Filter } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import {
  recipientKeyFetchSchema,
  recipientKeySchema,
  RECIPIENT_KEY_COLLECTION,
  RECIPIENT_KEY_FETCH_COLLECTION,
  type RecipientKeyDocument,
  type RecipientKeyFetchDocument,
} from './recipient-key.schema';

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown): boolean => (error as { code?: number }).code === DUPLICATE_KEY;

export type PrivateKeyFetch = { status: 'fetched'; sealed: string } | { status: 'gone' } | { status: 'none' };

/** Generated recipient key pairs: created once per case, the private half handed out once. */
export class RecipientKeyRepository {
  private readonly keys: Model<RecipientKeyDocument>;
  private readonly fetches: Model<RecipientKeyFetchDocument>;

  constructor(connection: Connection) {
    this.keys = connection.models[RECIPIENT_KEY_COLLECTION] ?? connection.model<RecipientKeyDocument>(RECIPIENT_KEY_COLLECTION, recipientKeySchema);
    this.fetches =
      connection.models[RECIPIENT_KEY_FETCH_COLLECTION] ??
      connection.model<RecipientKeyFetchDocument>(RECIPIENT_KEY_FETCH_COLLECTION, recipientKeyFetchSchema);
  }

  private get rawKeys(): Collection<RecipientKeyDocument> {
    return this.keys.collection as unknown as Collection<RecipientKeyDocument>;
  }

  private get rawFetches(): Collection<RecipientKeyFetchDocument> {
    return this.fetches.collection as unknown as Collection<RecipientKeyFetchDocument>;
  }

  async find(caseId: string): Promise<RecipientKeyDocument | null> {
    return this.rawKeys.findOne({ _id: { $eq: caseId } } as Filter<RecipientKeyDocument>);
  }

  /**
   * The case's generated key pair, creating it with `create` when there is none; concurrent or
   * retried callers converge on the one inserted first.
   */
  async ensure(caseId: string, create: () => Omit<RecipientKeyDocument, '_id' | 'createdAt'>): Promise<RecipientKeyDocument> {
    const existing = await this.find(caseId);
    if (existing) return existing;
    try {
      await this.rawKeys.insertOne({ _id: caseId, ...create(), createdAt: new Date() });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    const stored = await this.find(caseId);
    if (!stored) throw new Error(`recipient key of case ${caseId} vanished while being created`);
    return stored;
  }

  /**
   * The one fetch of the sealed private key: the claim is a unique insert (a second or concurrent
   * fetch gets `gone`), then the sealed key is read and unset (destroyed).
   */
  async takePrivateKey(caseId: string, by: string, at: Date = new Date()): Promise<PrivateKeyFetch> {
    const key = await this.find(caseId);
    if (!key) return { status: 'none' };
    try {
      await this.rawFetches.insertOne({ _id: caseId, by, at });
    } catch (error) {
      if (isDuplicate(error)) return { status: 'gone' };
      throw error;
    }
    if (!key.privateKeySealed) return { status: 'gone' };
    await this.rawKeys.updateOne({ _id: { $eq: caseId } } as Filter<RecipientKeyDocument>, { $unset: { privateKeySealed: '' }, $set: { fetchedAt: at } });
    return { status: 'fetched', sealed: key.privateKeySealed };
  }
}
