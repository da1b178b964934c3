import { CollectionRepository } from '../collection-repository';
import type { Collection, Db, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { handoverPackageId } from '@handover/contracts';
import { CASE_COLLECTION } from '../cases/case.schema';
import { CONSENT_EVIDENCE_COLLECTION } from '../answers/consent-evidence.schema';
import { CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';
import { pagesOf } from '../cursor-pages';
import { TransferExclusionRepository } from '../exclusions/transfer-exclusion.repository';
import { MAIL_LEDGER_COLLECTION } from '../mail-ledger/mail-ledger.schema';
import type { HandoverReportView } from './handover-package.entity';
import { handoverPackageSchema, HANDOVER_PACKAGE_COLLECTION, type HandoverPackageDocument } from './handover-package.schema';
import { RECIPIENT_ACK_COLLECTION, type RecipientAcknowledgementDocument } from './recipient-acknowledgement.schema';

const DUPLICATE_KEY = 11000;

/** What the package needs of a transferred customer: ids, route, the one ciphertext. */
export type HandoverCustomer = Pick<CustomerDocument, '_id' | 'caseId' | 'ref' | 'type' | 'route' | 'personalEnc'>;

const HANDOVER_PROJECTION = { _id: 1, caseId: 1, ref: 1, type: 1, route: 1, personalEnc: 1 } as const;

/**
 * The handover package's records: the customers to hand over (one cursor), the exclusions, the
 * versions the manifest names, and the committed package (`handover_packages`).
 */
export class HandoverRepository extends CollectionRepository<HandoverPackageDocument> {
  constructor(private readonly connection: Connection) {
    super(connection, HANDOVER_PACKAGE_COLLECTION, handoverPackageSchema);
  }

  private get packages(): Collection<HandoverPackageDocument> {
    return this.model.collection as unknown as Collection<HandoverPackageDocument>;
  }

  private collection<T extends { _id: string }>(name: string): Collection<T> {
    const db: Db | undefined = this.connection.db;
    if (!db) throw new Error('MongoDB connection is not open');
    return db.collection<T>(name);
  }

  async findPackage(packageId: string): Promise<HandoverPackageDocument | null> {
    return this.packages.findOne({ _id: { $eq: packageId } } as Filter<HandoverPackageDocument>);
  }

  /**
   * Commits a finished build: an insert with the package id as `_id`. When another attempt committed
   * first, its document is returned with `committed: false` (the caller discards its own build).
   */
  async commitPackage(doc: HandoverPackageDocument): Promise<{ committed: boolean; doc: HandoverPackageDocument }> {
    try {
      await this.packages.insertOne(doc);
      return { committed: true, doc };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      const existing = await this.findPackage(doc._id);
      if (!existing) throw error;
      return { committed: false, doc: existing };
    }
  }

  /**
   * The customers whose outcome is `transfer`, in pages of `batchSize`, from ONE cursor (served by
   * the `{caseId, outcome}` index; FerretDB is slow on per-document queries). Not resumable by
   * position: a retried build starts over, which is cheap next to decrypting and encrypting.
   */
  async *transferredCustomers(caseId: string, options: { batchSize?: number } = {}): AsyncGenerator<HandoverCustomer[]> {
    const batchSize = options.batchSize ?? 500;
    const cursor = this.collection<CustomerDocument>(CUSTOMER_COLLECTION).find(
      { caseId: caseId, outcome: 'transfer' } as Filter<CustomerDocument>,
      { projection: HANDOVER_PROJECTION, batchSize },
    );
    yield* pagesOf(cursor, batchSize, (doc) => doc as HandoverCustomer);
  }

  /** Customer `_id`s taken out of the transfer (`transfer_exclusions`, the exclusions feature's repository). */
  async excludedCustomerIds(caseId: string): Promise<Set<string>> {
    return new TransferExclusionRepository(this.connection).excludedCustomerIds(caseId);
  }

  /** The notice wording versions of the case: what the mail ledger sent and the answers quoted. */
  async wordingVersions(caseId: string): Promise<string[]> {
    const [sent, answered] = await Promise.all([
      this.collection<{ _id: string }>(MAIL_LEDGER_COLLECTION).distinct('wordingVersion', { caseId: { $eq: caseId } }),
      this.collection<{ _id: string }>(CONSENT_EVIDENCE_COLLECTION).distinct('wordingVersion', { caseId: { $eq: caseId } }),
    ]);
    const all = new Set<string>();
    for (const value of [...sent, ...answered]) if (typeof value === 'string' && value !== '') all.add(value);
    return [...all].sort();
  }

  /** The rule pack the routes were decided with (the route summary decideRoutes stored), or null. */
  async rulePackOf(caseId: string): Promise<{ id: string; version: string } | null> {
    const doc = await this.collection<{ _id: string; inventory?: { routes?: { rulePackId?: unknown; rulePackVersion?: unknown } } }>(CASE_COLLECTION).findOne(
      { _id: { $eq: caseId } } as Filter<{ _id: string }>,
      { projection: { 'inventory.routes.rulePackId': 1, 'inventory.routes.rulePackVersion': 1 } },
    );
    const routes = doc?.inventory?.routes;
    return typeof routes?.rulePackId === 'string' && typeof routes.rulePackVersion === 'string'
      ? { id: routes.rulePackId, version: routes.rulePackVersion }
      : null;
  }

  /** The company names of a case (plaintext: not personal data), for the recipient's page. */
  async partyNames(caseId: string): Promise<{ transferorName: string; recipientName?: string } | null> {
    const doc = await this.collection<{ _id: string; transferor?: { name?: string }; recipient?: { name?: string } }>(CASE_COLLECTION).findOne(
      { _id: { $eq: caseId } } as Filter<{ _id: string }>,
      { projection: { 'transferor.name': 1, 'recipient.name': 1 } },
    );
    if (!doc?.transferor?.name) return null;
    return { transferorName: doc.transferor.name, ...(doc.recipient?.name && { recipientName: doc.recipient.name }) };
  }

  /** The handover for the compliance report: counts, hashes, fields, acknowledgement time; null before a package exists. */
  async forReport(caseId: string): Promise<HandoverReportView | null> {
    const found = await this.findPackage(handoverPackageId(caseId));
    if (!found) return null;
    const ack = await this.collection<RecipientAcknowledgementDocument>(RECIPIENT_ACK_COLLECTION).findOne(
      { _id: { $eq: caseId } } as Filter<RecipientAcknowledgementDocument>,
      { projection: { at: 1 } },
    );
    const { manifest } = found;
    return {
      packageId: found._id,
      createdAt: manifest.createdAt,
      records: manifest.records,
      byRoute: { ...manifest.byRoute },
      files: manifest.files.map((file) => ({ name: file.name, sha256: file.sha256 })),
      fields: [...manifest.fields],
      ...(ack && { acknowledgedAt: ack.at.toISOString() }),
    };
  }
}
