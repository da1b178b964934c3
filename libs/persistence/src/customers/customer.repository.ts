import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CustomerTier, CustomerType, Route } from '@handover/domain';
import { duplicateKeyIndexes } from './bulk-write-errors';
import { canonicalJson } from '@handover/crypto';
import { createHash } from 'node:crypto';
import { routeSignatureBase, type CustomerClassificationView, type CustomerRouteFields, type RouteSignature } from './customer.entity';
import { caseCustomersFilter, customerIdRange } from './customer-crypto';
import { toClassificationView } from './customer.mapper';
import { pagesOf } from '../cursor-pages';
import { updateEach } from '../update-each';
import { customerSchema, CUSTOMER_COLLECTION, type CustomerDocument } from './customer.schema';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';

/** Who already holds a customer _id: enough to tell a retry, a re-import and a real duplicate apart. */
export interface ExistingCustomer {
  id: string;
  importId: string;
  line: number;
  rowHash: string;
}

export interface RouteUpdate {
  id: string;
  fields: CustomerRouteFields;
}

/** Plaintext criteria the counts may use (never a personal value). */
export interface CustomerCountFilter {
  route?: Route;
  /** true: customers with a route; false: customers not yet routed. */
  routed?: boolean;
  /** One sensitive category. */
  sensitive?: string;
  /** Customers with at least one of these sensitive categories. */
  sensitiveAny?: readonly string[];
  type?: CustomerType;
  tier?: CustomerTier;
  minor?: boolean;
  reachable?: boolean;
  handover?: boolean;
  /** A legal-hold candidate (retention rule from the pack). */
  legalHold?: boolean;
}

const CLASSIFICATION_PROJECTION = {
  _id: 1,
  type: 1,
  tier: 1,
  sensitive: 1,
  minor: 1,
  reachable: 1,
  legalHold: 1,
  route: 1,
  transferable: 1,
  handover: 1,
  noticeChannel: 1,
  routeSealed: 1,
  routeKey: 1,
  routeSig: 1,
} as const;

/**
 * Customers of a case. Bulk paths (import, routes) use the raw driver collection with unordered
 * writes and explicit per-document error handling; reads for rules and counts never touch the
 * ciphertext.
 */
/** What the compliance report reads of a customer. */
export type CustomerReportView = Pick<CustomerDocument, '_id' | 'route' | 'routeReasons' | 'outcome' | 'decision' | 'channels'> & {
  disposition?: 'transferred' | 'held' | 'unchanged' | 'deleted';
  excluded?: boolean;
};

export class CustomerRepository extends CollectionRepository<CustomerDocument> {
  private readonly statistics: CaseStatisticsRepository;

  constructor(connection: Connection) {
    super(connection, CUSTOMER_COLLECTION, customerSchema);
    this.statistics = new CaseStatisticsRepository(connection);
  }

  /**
   * Inserts already validated documents, unordered. Returns the positions (in `docs`) whose _id
   * already existed; any other failure is thrown.
   */
  async insertMany(docs: readonly CustomerDocument[]): Promise<{ inserted: number; duplicateIndexes: number[] }> {
    if (docs.length === 0) return { inserted: 0, duplicateIndexes: [] };
    let outcome: { inserted: number; duplicateIndexes: number[] };
    try {
      const result = await this.raw.insertMany(docs as CustomerDocument[], { ordered: false });
      outcome = { inserted: result.insertedCount, duplicateIndexes: [] };
    } catch (error) {
      const duplicates = duplicateKeyIndexes(error);
      if (duplicates === null) throw error;
      outcome = { inserted: docs.length - duplicates.length, duplicateIndexes: duplicates };
    }
    // The case status's customer count moves with every batch (sealing the routes recounts it).
    await this.statistics.add((docs[0] as CustomerDocument).caseId, { customers: outcome.inserted });
    return outcome;
  }

  /** importId / line / rowHash of the given customers of a case (by _id); absent ids are not in the map. */
  async findExisting(caseId: string, ids: readonly string[]): Promise<Map<string, ExistingCustomer>> {
    const found = new Map<string, ExistingCustomer>();
    if (ids.length === 0) return found;
    // caseId first: FerretDB v1 pushes the equality down to PostgreSQL but not the $in.
    const docs = await this.raw
      .find({ caseId: caseId, _id: { $in: [...ids] } } as Filter<CustomerDocument>, {
        projection: { _id: 1, importId: 1, line: 1, rowHash: 1 },
      })
      .toArray();
    for (const doc of docs) found.set(doc._id, { id: doc._id, importId: doc.importId, line: doc.line, rowHash: doc.rowHash });
    return found;
  }

  async findById(id: string): Promise<CustomerDocument | null> {
    return this.raw.findOne({ _id: { $eq: id } } as Filter<CustomerDocument>);
  }

  /** Customers of a case whose email has this blind index (request lookups). */
  async findByEmailBi(caseId: string, emailBi: string): Promise<CustomerDocument[]> {
    return this.raw.find({ caseId: { $eq: caseId }, emailBi: { $eq: emailBi } } as Filter<CustomerDocument>).toArray();
  }

  /**
   * A case's customers in `_id` order, one page after `after` (an `_id` of the previous page;
   * absent = from the start). Keyset pagination: memory is one page whatever the case size, and on
   * MongoDB each page is an index range scan. On FerretDB v1 (PostgreSQL) neither the `_id` range,
   * the sort nor the limit is pushed down: each page reads the whole case, so a full pass costs
   * O(pages × case); full passes there use streamClassification instead.
   */
  async classificationPage(caseId: string, options: { after?: string; limit: number }): Promise<CustomerClassificationView[]> {
    const range = customerIdRange(caseId);
    const gt = options.after !== undefined && options.after > range.$gt ? options.after : range.$gt;
    const docs = await this.raw
      .find({ caseId: { $eq: caseId }, _id: { $gt: gt, $lt: range.$lt } } as Filter<CustomerDocument>, {
        projection: CLASSIFICATION_PROJECTION,
      })
      .sort({ _id: 1 })
      .limit(options.limit)
      .toArray();
    return docs.map(toClassificationView);
  }

  /** Iterates a case's customers in keyset pages of `batchSize`, starting after `after`. */
  async *classificationBatches(
    caseId: string,
    options: { after?: string; batchSize?: number } = {},
  ): AsyncGenerator<CustomerClassificationView[]> {
    const limit = options.batchSize ?? 1000;
    let after = options.after;
    for (;;) {
      const page = await this.classificationPage(caseId, { ...(after !== undefined && { after }), limit });
      if (page.length === 0) return;
      yield page;
      if (page.length < limit) return;
      after = (page[page.length - 1] as CustomerClassificationView).id;
    }
  }

  /**
   * Every customer of a case through one cursor, with the fields the compliance report tallies
   * (route, reasons, outcome, decision, channels, disposition, excluded): nothing personal.
   */
  async *streamForReport(caseId: string): AsyncGenerator<CustomerReportView> {
    const cursor = this.raw.find(caseCustomersFilter(caseId) as Filter<CustomerDocument>, {
      projection: { _id: 1, route: 1, routeReasons: 1, outcome: 1, decision: 1, channels: 1, disposition: 1, excluded: 1 },
    });
    try {
      for await (const doc of cursor) yield doc as CustomerReportView;
    } finally {
      await cursor.close();
    }
  }

  async *streamClassification(caseId: string, options: { batchSize?: number } = {}): AsyncGenerator<CustomerClassificationView[]> {
    const batchSize = options.batchSize ?? 1000;
    yield* pagesOf(this.raw.find({ caseId: caseId } as Filter<CustomerDocument>, { projection: CLASSIFICATION_PROJECTION, batchSize }), batchSize, toClassificationView);
  }

  /**
   * Writes the same route fields on every customer of the case with this signature (one
   * filtered update instead of one per customer; customers already holding these exact fields
   * are skipped through `routeKey`). Unsealed writes never touch a sealed customer; a sealing
   * write leaves customers sealed earlier as they are.
   */
  async setRoutesBySignature(
    caseId: string,
    signature: RouteSignature,
    fields: CustomerRouteFields,
    options: { seal: boolean; sensitiveCategories: readonly string[]; asOf: string; byImportSignature?: boolean },
  ): Promise<{ matched: number; modified: number }> {
    const routeKey = routeKeyOf(fields, options.seal);
    const filter = {
      ...routeSignatureFilter(caseId, signature, options.sensitiveCategories, options.asOf),
      // Narrows in PostgreSQL to the customers whose import recorded this signature (see routeSig);
      // the conditions above still decide. Without it, the customers of every signature that shares
      // the pushed-down part (minor, reachable) are decoded for each.
      ...(options.byImportSignature && { routeSig: routeSignatureBase({ ...signature, hold: signature.hold !== 'none' }) }),
      routeSealed: { $ne: true },
      routeKey: { $ne: routeKey },
    };
    const result = await this.raw.updateMany(filter as Filter<CustomerDocument>, {
      $set: { ...fields, routeKey, ...(options.seal && { routeSealed: true }) },
    });
    return { matched: result.matchedCount, modified: result.modifiedCount };
  }

  /**
   * Writes route decisions one customer at a time, unordered. `seal` fixes them (`routeSealed:
   * true`); an unsealed write never touches a customer whose route is already sealed. On FerretDB
   * v1 each update by `_id` reads the collection (no index use): keep this for the few customers
   * setRoutesBySignature cannot cover. One command per customer (updateEach), never a bulkWrite.
   */
  async setRoutes(updates: readonly RouteUpdate[], seal: boolean): Promise<void> {
    if (updates.length === 0) return;
    await updateEach(
      this.raw,
      updates.map(({ id, fields }) => ({
        filter: (seal ? { _id: id } : { _id: id, routeSealed: { $ne: true } }) as Filter<CustomerDocument>,
        update: { $set: { ...fields, routeKey: routeKeyOf(fields, seal), ...(seal && { routeSealed: true }) } },
      })),
    );
  }

  /**
   * The notices gate was rejected (issue 14): every sealed route of the case is unsealed, and its
   * route key dropped so the next sealing write rewrites it. One filtered statement.
   */
  async unsealRoutes(caseId: string): Promise<number> {
    const result = await this.raw.updateMany(
      { ...caseCustomersFilter(caseId), routeSealed: true } as Filter<CustomerDocument>,
      { $unset: { routeSealed: '', routeKey: '' } },
    );
    return result.modifiedCount;
  }

  /** Removes what one import wrote (an upload found tampered after its rows were read). */
  async deleteByImport(caseId: string, importId: string): Promise<number> {
    const result = await this.raw.deleteMany({ caseId: { $eq: caseId }, importId: { $eq: importId } } as Filter<CustomerDocument>);
    await this.statistics.add(caseId, { customers: -result.deletedCount });
    return result.deletedCount;
  }

  /**
   * Whether the case has a customer: the first one found, not a count (a countDocuments is a pass
   * over the whole case on FerretDB v1).
   */
  async any(caseId: string): Promise<boolean> {
    return (await this.raw.findOne({ caseId: { $eq: caseId } } as Filter<CustomerDocument>, { projection: { _id: 1 } })) !== null;
  }

  /** countDocuments on plaintext classification fields (FerretDB-friendly: no aggregation). */
  async count(caseId: string, filter: CustomerCountFilter = {}): Promise<number> {
    return this.raw.countDocuments(toFilter(caseId, filter));
  }
}

function toFilter(caseId: string, f: CustomerCountFilter): Filter<CustomerDocument> {
  const q: Record<string, unknown> = { caseId: { $eq: caseId } };
  if (f.route !== undefined) q['route'] = { $eq: f.route };
  else if (f.routed !== undefined) q['route'] = { $exists: f.routed };
  if (f.sensitive !== undefined) q['sensitive'] = f.sensitive;
  else if (f.sensitiveAny !== undefined) q['sensitive'] = { $in: [...f.sensitiveAny] };
  if (f.type !== undefined) q['type'] = { $eq: f.type };
  if (f.tier !== undefined) q['tier'] = { $eq: f.tier };
  if (f.minor !== undefined) q['minor'] = { $eq: f.minor };
  if (f.reachable !== undefined) q['reachable'] = { $eq: f.reachable };
  if (f.handover !== undefined) q['handover'] = { $eq: f.handover };
  if (f.legalHold !== undefined) q['legalHold'] = { $exists: f.legalHold };
  return q as Filter<CustomerDocument>;
}

/** Digest of route fields (+ sealed): equal digests mean the stored decision is already these fields. */
export function routeKeyOf(fields: CustomerRouteFields, sealed: boolean): string {
  return createHash('sha256').update(canonicalJson({ fields, sealed })).digest('base64url').slice(0, 22);
}

/** The customers of a case with a route signature, as a filter on the plaintext classification. */
export function routeSignatureFilter(
  caseId: string,
  signature: RouteSignature,
  sensitiveCategories: readonly string[],
  asOf: string,
): Record<string, unknown> {
  const categories = [...sensitiveCategories];
  return {
    caseId: caseId,
    minor: signature.minor,
    reachable: signature.reachable,
    sensitive: signature.sensitive ? { $in: categories } : { $nin: categories },
    ...(signature.hold === 'none' && { legalHold: { $exists: false } }),
    // A hold runs up to and including its `until` date (isLegalHoldRunning); ISO dates compare as strings.
    ...(signature.hold === 'running' && { 'legalHold.until': { $gte: asOf } }),
    ...(signature.hold === 'expired' && { 'legalHold.until': { $lt: asOf } }),
  };
}
