import type { Collection, Db, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Disposition } from '@handover/contracts';
import { caseCustomersFilter } from '../customers/customer-crypto';
import { CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';
import { pagesOf } from '../cursor-pages';
import { INVENTORY_IMPORT_COLLECTION } from '../inventory-imports/inventory-import.schema';
import { REJECTION_COLLECTION } from '../rejections/rejection.schema';
import { updateEach } from '../update-each';

type DispositionDoc = CustomerDocument & { disposition?: Disposition; disposedAt?: Date; excluded?: boolean };

/** What the hold sealing reads of a held customer: its ref, ciphertext and hold basis. */
export type HeldCustomer = Pick<CustomerDocument, '_id' | 'ref' | 'personalEnc' | 'legalHold'>;

/** What the tally reads of a disposed customer: no personal data. */
export type DisposedCustomer = Pick<DispositionDoc, '_id' | 'disposition' | 'route' | 'outcome' | 'excluded'>;

export interface HoldSeal {
  id: string;
  /** The personal fields re-encrypted under the hold key. */
  personalEnc: string;
  hold: { storageOnly: true; custodian: 'transferor'; sealedAt: Date; basis?: string; until?: unknown };
}

/** An import whose encrypted upload is still on disk. */
export interface SealedUpload {
  _id: string;
  upload?: { path?: string };
}

/** Fields that identify a person, directly or through a keyed hash: all of them go on erasure. */
const ERASED_FIELDS = { personalEnc: '', emailBi: '', phoneBi: '', idNumberBi: '', rowHash: '' } as const;
const BLIND_INDEXES = { emailBi: '', phoneBi: '', idNumberBi: '', rowHash: '' } as const;

/**
 * The deletion phase's reads and writes (customers' dispositions, the quarantine, the stored
 * uploads). Every write is filtered on `disposition` being absent, so a retried activity skips
 * what an earlier attempt did; per-record writes go one command each (updateEach).
 */
export class DispositionStore {
  constructor(private readonly connection: Connection) {}

  private get db(): Db {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database');
    return db;
  }

  private get customers(): Collection<DispositionDoc> {
    return this.db.collection<DispositionDoc>(CUSTOMER_COLLECTION);
  }

  /** Held customers not sealed yet, in pages of `size` (one cursor). */
  heldPages(caseId: string, size: number): AsyncGenerator<HeldCustomer[]> {
    const cursor = this.customers.find({ ...caseCustomersFilter(caseId), route: 'hold', disposition: { $exists: false } } as Filter<DispositionDoc>, {
      projection: { _id: 1, ref: 1, personalEnc: 1, legalHold: 1 },
    });
    return pagesOf(cursor, size) as AsyncGenerator<HeldCustomer[]>;
  }

  /** Seals held customers: re-encrypted ciphertext, blind indexes dropped, disposition `held`. */
  async sealHolds(seals: readonly HoldSeal[], at: Date, onProgress?: (done: number) => void): Promise<void> {
    await updateEach(
      this.customers,
      seals.map((seal) => ({
        filter: { _id: seal.id, disposition: { $exists: false } } as Filter<DispositionDoc>,
        update: { $set: { personalEnc: seal.personalEnc, disposition: 'held', disposedAt: at, hold: seal.hold }, $unset: BLIND_INDEXES } as never,
      })),
      onProgress ? { onProgress } : {},
    );
  }

  /** Erases customers a request excluded from the transfer (not held ones): `deleted`, `excluded`. */
  async eraseExcluded(ids: Iterable<string>, at: Date): Promise<void> {
    await updateEach(
      this.customers,
      [...ids].map((id) => ({
        filter: { _id: id, route: { $ne: 'hold' }, disposition: { $exists: false } } as Filter<DispositionDoc>,
        update: { $set: { disposition: 'deleted', disposedAt: at, outcome: 'not-transfer', excluded: true }, $unset: ERASED_FIELDS } as never,
      })),
    );
  }

  /**
   * Erases, in one filtered statement, every customer of the case without a disposition that
   * `where` (plaintext classification fields) selects, recording `disposition`. `passOver`: a
   * disposition most customers already have (an earlier stage's): the same filter (a customer
   * without a disposition does not have that one) but with a condition FerretDB v1 pushes down to
   * PostgreSQL (`$ne` of a string; `$exists` is not), so those customers are not decoded again.
   */
  async eraseWhere(caseId: string, where: Readonly<Record<string, unknown>>, disposition: Disposition, at: Date, passOver?: Disposition): Promise<void> {
    const filter = { ...where, ...caseCustomersFilter(caseId), disposition: { $exists: false, ...(passOver && { $ne: passOver }) } };
    await this.customers.updateMany(filter as Filter<DispositionDoc>, { $set: { disposition, disposedAt: at }, $unset: ERASED_FIELDS } as never);
  }

  /**
   * Cases holding a sealed record whose legal hold ended before `today` (`YYYY-MM-DD`, UTC: a hold
   * runs up to and including its `until` date). Holds without an end date are never listed.
   */
  async casesWithExpiredHolds(today: string): Promise<string[]> {
    const ids = await this.customers.distinct('caseId', { disposition: 'held', 'hold.until': { $lt: today } } as Filter<DispositionDoc>);
    return (ids as string[]).sort();
  }

  /** A case's sealed records whose hold ended before `today`, grouped by the hold's end date (ids sorted). */
  async expiredHolds(caseId: string, today: string): Promise<Map<string, string[]>> {
    const cursor = this.customers
      .find({ ...caseCustomersFilter(caseId), disposition: 'held', 'hold.until': { $lt: today } } as Filter<DispositionDoc>, { projection: { _id: 1, hold: 1 } })
      .sort({ _id: 1 });
    const byEnd = new Map<string, string[]>();
    for await (const doc of cursor) {
      const until = String((doc as { hold?: { until?: unknown } }).hold?.until);
      byEnd.set(until, [...(byEnd.get(until) ?? []), doc._id]);
    }
    return byEnd;
  }

  /** Erases sealed records whose hold ended: ciphertext gone, `deleted`, the end noted. Skips any no longer `held`. */
  async eraseExpiredHolds(ids: readonly string[], at: Date): Promise<void> {
    await updateEach(
      this.customers,
      ids.map((id) => ({
        filter: { _id: id, disposition: 'held' } as Filter<DispositionDoc>,
        update: { $set: { disposition: 'deleted', disposedAt: at, 'hold.expiredAt': at }, $unset: ERASED_FIELDS } as never,
      })),
    );
  }

  /** How many of the case's records are still sealed under a hold. */
  async heldCount(caseId: string): Promise<number> {
    return this.customers.countDocuments({ ...caseCustomersFilter(caseId), disposition: 'held' } as Filter<DispositionDoc>);
  }

  /** Every customer of the case in `_id` order, without personal data (the tally's one pass). */
  async *disposed(caseId: string): AsyncGenerator<DisposedCustomer> {
    const cursor = this.customers
      .find(caseCustomersFilter(caseId) as Filter<DispositionDoc>, { projection: { _id: 1, disposition: 1, route: 1, outcome: 1, excluded: 1 } })
      .sort({ _id: 1 });
    try {
      for await (const doc of cursor) yield doc;
    } finally {
      await cursor.close();
    }
  }

  /** The case's quarantined rows (count) and the imports whose encrypted upload is kept. */
  async quarantineAndUploads(caseId: string): Promise<{ quarantined: number; uploads: SealedUpload[] }> {
    const uploads = await this.db
      .collection<SealedUpload & { caseId: string }>(INVENTORY_IMPORT_COLLECTION)
      .find({ caseId: { $eq: caseId }, 'upload.seal': { $exists: true } } as Filter<SealedUpload & { caseId: string }>, { projection: { _id: 1, upload: 1 } })
      .toArray();
    const quarantined = await this.db.collection<{ caseId: string }>(REJECTION_COLLECTION).countDocuments({ caseId: { $eq: caseId } });
    return { quarantined, uploads };
  }

  /** Deletes the case's quarantined rows; returns how many. */
  async removeQuarantine(caseId: string): Promise<number> {
    return (await this.db.collection<{ caseId: string }>(REJECTION_COLLECTION).deleteMany({ caseId: { $eq: caseId } })).deletedCount;
  }

  /** Deletes every customer document of the case (a rejected inventory); returns how many. */
  async deleteCustomers(caseId: string): Promise<number> {
    return (await this.customers.deleteMany(caseCustomersFilter(caseId) as Filter<DispositionDoc>)).deletedCount;
  }

  /** Forgets an upload's wrapped key once its file is gone. */
  async dropUploadSeal(importId: string): Promise<void> {
    await this.db.collection<{ _id: string }>(INVENTORY_IMPORT_COLLECTION).updateOne({ _id: { $eq: importId } }, { $unset: { 'upload.seal': '' } });
  }
}
