import { CollectionRepository } from '../collection-repository';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { transferExclusionSchema, TRANSFER_EXCLUSION_COLLECTION, type TransferExclusionDocument } from './transfer-exclusion.schema';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import { isDuplicateKey } from '../customers/bulk-write-errors';


export interface TransferExclusionInput {
  caseId: string;
  /** The customer document's `_id` (`<caseId>:<ref>`). */
  customerId: string;
  requestId: string;
  reason: 'deletion-request' | 'objection';
  at: Date;
}

/** Customers a deletion request or an objection took out of the transfer before the handover. Insert-only. */
export class TransferExclusionRepository extends CollectionRepository<TransferExclusionDocument> {
  private readonly statistics: CaseStatisticsRepository;

  constructor(connection: Connection) {
    super(connection, TRANSFER_EXCLUSION_COLLECTION, transferExclusionSchema);
    this.statistics = new CaseStatisticsRepository(connection);
  }

  /** True when this call excluded the customer; false when they were already excluded. */
  async exclude(input: TransferExclusionInput): Promise<boolean> {
    if (!input.customerId.startsWith(`${input.caseId}:`)) throw new Error('customerId must be a customer document id of the case');
    try {
      await this.raw.insertOne({ _id: input.customerId, caseId: input.caseId, requestId: input.requestId, reason: input.reason, at: input.at });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.statistics.add(input.caseId, { excluded: 1 }, `exclusion:${input.customerId}`);
    return true;
  }

  /** The excluded customers' document ids: all of the case (exclude() refuses an id of another case). */
  async excludedCustomerIds(caseId: string): Promise<Set<string>> {
    const docs = await this.raw.find({ caseId: { $eq: caseId } } as Filter<TransferExclusionDocument>, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((d) => d._id));
  }

  async count(caseId: string): Promise<number> {
    return this.raw.countDocuments({ caseId: { $eq: caseId } } as Filter<TransferExclusionDocument>);
  }

  async isExcluded(customerId: string): Promise<boolean> {
    return (await this.raw.countDocuments({ _id: { $eq: customerId } } as Filter<TransferExclusionDocument>)) > 0;
  }
}
