import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { AffectedScope } from '@handover/domain';
import { customerSchema, CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';

/** What the notice mailing needs of an affected customer: the ciphertext and the channels, nothing else. */
export type AffectedCustomer = Pick<CustomerDocument, '_id' | 'caseId' | 'ref' | 'personalEnc' | 'reachable' | 'channels' | 'locale'>;

export interface AffectedCounts {
  total: number;
  withEmail: number;
  phoneOnly: number;
  unreachable: number;
}

/**
 * The affected population of an incident in a case's inventory, read from the `customers`
 * collection on plaintext classification only (`sensitive`, `reachable`, `channels`): counts never
 * decrypt. Served by the `{caseId, sensitive}` index and the `_id` range of the case.
 */
export class IncidentPopulationRepository extends CollectionRepository<CustomerDocument> {
  constructor(connection: Connection) {
    super(connection, CUSTOMER_COLLECTION, customerSchema);
  }

  private filter(caseId: string, scope: AffectedScope, extra: Record<string, unknown> = {}): Filter<CustomerDocument> {
    return {
      caseId: { $eq: caseId },
      ...(scope.kind === 'sensitive' && { sensitive: { $in: [...scope.sensitiveAny] } }),
      ...extra,
    } as Filter<CustomerDocument>;
  }

  async count(caseId: string, scope: AffectedScope): Promise<AffectedCounts> {
    const [total, withEmail, unreachable] = await Promise.all([
      this.raw.countDocuments(this.filter(caseId, scope)),
      this.raw.countDocuments(this.filter(caseId, scope, { 'channels.email': { $eq: true } })),
      this.raw.countDocuments(this.filter(caseId, scope, { reachable: { $eq: false } })),
    ]);
    return { total, withEmail, unreachable, phoneOnly: Math.max(0, total - withEmail - unreachable) };
  }

  /** One keyset page of affected customers in `_id` order after `after` (memory: one page). */
  async page(caseId: string, scope: AffectedScope, options: { after?: string; limit: number }): Promise<AffectedCustomer[]> {
    const lower = `${caseId}:`;
    const gt = options.after !== undefined && options.after > lower ? options.after : lower;
    return this.raw
      .find(this.filter(caseId, scope, { _id: { $gt: gt, $lt: `${caseId};` } }), {
        projection: { _id: 1, caseId: 1, ref: 1, personalEnc: 1, reachable: 1, channels: 1, locale: 1 },
      })
      .sort({ _id: 1 })
      .limit(options.limit)
      .toArray() as Promise<AffectedCustomer[]>;
  }
}
