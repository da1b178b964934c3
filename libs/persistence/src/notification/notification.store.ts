import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Outcome, PublicAnnouncement } from '@handover/domain';
import { caseSchema, CASE_COLLECTION, type CaseDocument } from '../cases/case.schema';
import { customerIdRange } from '../customers/customer-crypto';
import { customerSchema, CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';
import { TransferExclusionRepository } from '../exclusions/transfer-exclusion.repository';
import { pagesOf } from '../cursor-pages';
import { updateEach } from '../update-each';

/** What the mailing reads of a customer: classification, channels, answer, and the one ciphertext. */
export type MailingCustomer = Pick<
  CustomerDocument,
  '_id' | 'caseId' | 'ref' | 'personalEnc' | 'route' | 'channels' | 'sensitive' | 'noticeAdditions' | 'decision' | 'locale'
>;

/** What fixOutcomes reads of a customer: no personal data at all. */
export type OutcomeCustomer = Pick<CustomerDocument, '_id' | 'route' | 'transferable' | 'decision' | 'outcome'>;

const MAILING_PROJECTION = {
  _id: 1, caseId: 1, ref: 1, personalEnc: 1, route: 1, channels: 1, sensitive: 1, noticeAdditions: 1, decision: 1, locale: 1,
} as const;

const OUTCOME_PROJECTION = { _id: 1, route: 1, transferable: 1, decision: 1, outcome: 1 } as const;

export interface CursorOptions {
  /** Resume after this _id (the last one handled); absent = from the start. */
  after?: string;
  batchSize: number;
}

/**
 * The notification phase's reads and writes on customers and cases: keyset pages in `_id` order
 * (the one index every backend has), unordered bulk writes, no transactions, no aggregation.
 */
export class NotificationStore {
  private readonly customers: Collection<CustomerDocument>;
  private readonly cases: Collection<CaseDocument>;
  private readonly exclusions: TransferExclusionRepository;

  constructor(connection: Connection) {
    this.exclusions = new TransferExclusionRepository(connection);
    // Registering the models (if nobody did yet) lets syncIndexes build their declared indexes.
    const customerModel = connection.models[CUSTOMER_COLLECTION] ?? connection.model<CustomerDocument>(CUSTOMER_COLLECTION, customerSchema);
    const caseModel = connection.models[CASE_COLLECTION] ?? connection.model<CaseDocument>(CASE_COLLECTION, caseSchema);
    this.customers = customerModel.collection as unknown as Collection<CustomerDocument>;
    this.cases = caseModel.collection as unknown as Collection<CaseDocument>;
  }

  /**
   * The customers a mailing may concern (the eligibility rule decides per customer), after
   * `after`, in `_id` order, in batches of `batchSize`: ONE query per activity attempt, read through
   * its cursor. Not a query per page: FerretDB v1 pushes neither sort nor limit down to PostgreSQL,
   * so every `sort + limit` page would read and sort the whole case again (measured: ~3 s per page
   * at 5,000 customers, against ~3 s for the whole case through one cursor).
   */
  mailingBatches(
    caseId: string,
    query: { routes: readonly string[]; unansweredOnly: boolean },
    options: CursorOptions,
  ): AsyncGenerator<MailingCustomer[]> {
    const filter: Record<string, unknown> = {
      caseId: { $eq: caseId },
      _id: idRange(caseId, options.after),
      route: { $in: [...query.routes] },
      ...(query.unansweredOnly && { decision: { $exists: false } }),
    };
    return this.batches<MailingCustomer>(filter, MAILING_PROJECTION, options.batchSize);
  }

  /** Every customer of the case with its ciphertext (a cancelled case's notices), one query, batches. */
  customerBatches(caseId: string, options: CursorOptions): AsyncGenerator<MailingCustomer[]> {
    return this.batches<MailingCustomer>({ caseId: { $eq: caseId }, _id: idRange(caseId, options.after) }, MAILING_PROJECTION, options.batchSize);
  }

  /** All the case's customers after `after`, for the outcomes (one query, batches; see mailingBatches). */
  outcomeBatches(caseId: string, options: CursorOptions): AsyncGenerator<OutcomeCustomer[]> {
    return this.batches<OutcomeCustomer>({ caseId: { $eq: caseId }, _id: idRange(caseId, options.after) }, OUTCOME_PROJECTION, options.batchSize);
  }

  private batches<T>(filter: Record<string, unknown>, projection: Record<string, 1>, batchSize: number): AsyncGenerator<T[]> {
    const cursor = this.customers
      .find(filter as Filter<CustomerDocument>, { projection })
      .sort({ _id: 1 })
      .batchSize(batchSize);
    return pagesOf(cursor, batchSize, (doc) => doc as T);
  }

  /** Customers a deletion request or objection took out of the transfer (few: one read). */
  async excludedIds(caseId: string): Promise<Set<string>> {
    return this.exclusions.excludedCustomerIds(caseId);
  }

  /**
   * Sets `outcome` on every customer of the case that matches `where` and does not have it yet
   * (so `outcomeAt` keeps the time it was first fixed), leaving out `exceptIds`. One statement.
   */
  async setOutcomeWhere(caseId: string, where: Readonly<Record<string, unknown>>, outcome: Outcome, at: Date, exceptIds: ReadonlySet<string>): Promise<number> {
    const filter = {
      ...where,
      caseId: { $eq: caseId },
      outcome: { $ne: outcome },
      ...(exceptIds.size > 0 && { _id: { $nin: [...exceptIds] } }),
    };
    const result = await this.customers.updateMany(filter as Filter<CustomerDocument>, { $set: { outcome, outcomeAt: at } });
    return result.modifiedCount;
  }

  /**
   * Writes outcomes, unordered. A customer whose outcome is already the same is not touched, so
   * `outcomeAt` keeps the time the outcome was first fixed (a retry changes nothing).
   */
  async setOutcomes(updates: ReadonlyArray<{ id: string; outcome: Outcome }>, at: Date): Promise<number> {
    if (updates.length === 0) return 0;
    const result = await updateEach(
      this.customers,
      updates.map(({ id, outcome }) => ({
        filter: { _id: { $eq: id }, outcome: { $ne: outcome } } as Filter<CustomerDocument>,
        update: { $set: { outcome, outcomeAt: at } },
      })),
    );
    return result.modified;
  }

  /** The public announcement (count, text, wording version) on the case: `notification.publicAnnouncement`. */
  async savePublicAnnouncement(caseId: string, announcement: PublicAnnouncement & { mailing: string }, at: Date): Promise<void> {
    // Raw driver: `notification` is not a path of the case schema (as `inventory` is not).
    await this.cases.updateOne(
      { _id: { $eq: caseId } } as Filter<CaseDocument>,
      {
        $set: {
          'notification.publicAnnouncement': {
            count: announcement.count,
            mailing: announcement.mailing,
            wordingVersion: announcement.wordingVersion,
            text: { ...announcement.text },
            updatedAt: at,
          },
          updatedAt: at,
        },
      } as never,
    );
  }

  /** The stored announcement (tests and the status page). */
  async publicAnnouncement(caseId: string): Promise<(PublicAnnouncement & { mailing: string }) | null> {
    const doc = await this.cases.findOne({ _id: { $eq: caseId } } as Filter<CaseDocument>, {
      projection: { notification: 1 },
    });
    const stored = (doc as { notification?: { publicAnnouncement?: PublicAnnouncement & { mailing: string } } } | null)?.notification
      ?.publicAnnouncement;
    return stored ?? null;
  }
}

function idRange(caseId: string, after: string | undefined): { $gt: string; $lt: string } {
  const range = customerIdRange(caseId);
  return { $gt: after !== undefined && after > range.$gt ? after : range.$gt, $lt: range.$lt };
}
