import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { caseWorkflowId, GATES, progressQuery, type CaseProgress } from '@handover/contracts';
import { CaseRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { AppError } from '../common/app-error';
import { LOGGER, MONGO_CONNECTION, TEMPORAL_CLIENT } from '../common/tokens';
import type { CaseCountersDto, CaseStatusDto, RouteCountsDto } from './case-status.dto';

/**
 * Case status from MongoDB and the workflow's progress query. When the workflow cannot answer
 * (worker down), phase comes from the stored copy the workflow's activities keep up to date.
 */
@Injectable()
export class GetCaseStatusUseCase {
  private readonly cases: CaseRepository;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.cases = new CaseRepository(connection);
  }

  async execute(caseId: string): Promise<CaseStatusDto> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    const progress = state.status === 'draft' ? null : await this.queryProgress(caseId);
    return {
      id: caseId,
      status: state.status,
      phase: progress?.phase ?? state.phase,
      source: progress ? 'workflow' : 'database',
      gates: progress?.gates ?? GATES.map((name) => ({ name, state: 'waiting' })),
      counters: await this.counters(caseId),
      ...(await this.routes(caseId)),
    };
  }

  private async queryProgress(caseId: string): Promise<CaseProgress | null> {
    try {
      return await this.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(progressQuery);
    } catch (error) {
      this.logger.warn({ caseId, err: (error as Error).name }, 'progress query failed; answering from the database');
      return null;
    }
  }

  /** The route summary stored by the decideRoutes activity (no personal data). */
  private async routes(caseId: string): Promise<{ routes?: RouteCountsDto }> {
    const doc = await this.connection.db?.collection<{ _id: string; inventory?: { routes?: RouteCountsDto } }>('cases').findOne({ _id: caseId }, { projection: { 'inventory.routes': 1 } });
    return doc?.inventory?.routes ? { routes: doc.inventory.routes } : {};
  }

  /**
   * Counts from the case's collections (each served by an index; see docs/architecture.md). A
   * collection not written yet counts zero. `transferred` counts outcomes fixed at the deadline,
   * less customers a request excluded since; `deleted` counts the customers the deletion phase
   * erased (not transferred, not held); `onHold` the legal holds; `excluded` the customers a
   * deletion request or objection took out of the transfer.
   */
  private async counters(caseId: string): Promise<CaseCountersDto> {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection has no database');
    const count = (collection: string, filter: Record<string, unknown>): Promise<number> =>
      db.collection(collection).countDocuments({ caseId, ...filter });
    const consentRoutes = { $in: ['separate-consent', 'guardian-consent'] };
    const [customers, notified, bounced, consented, refused, objected, noResponse, outcomeTransfer, deleted, onHold, thirdParties, thirdPartiesConfirmed, excludedIds] =
      await Promise.all([
        count('customers', {}),
        count('mail_ledger', { mailing: 'notice', status: 'sent' }),
        count('mail_ledger', { mailing: 'notice', status: 'bounced' }),
        count('customers', { decision: 'consent' }),
        count('customers', { decision: 'refuse' }),
        count('customers', { decision: 'object' }),
        count('customers', { route: consentRoutes, decision: { $exists: false } }),
        count('customers', { outcome: 'transfer' }),
        count('customers', { disposition: 'deleted' }),
        count('customers', { route: 'hold' }),
        count('third_parties', {}),
        count('third_parties', { status: 'confirmed' }),
        db.collection<{ _id: string }>('transfer_exclusions').find({ caseId }, { projection: { _id: 1 } }).toArray(),
      ]);
    // A customer excluded by a deletion request or objection after the outcomes were fixed leaves
    // the transfer at once (the deletion phase then writes it down). Exclusions are few: look them up.
    const excludedTransfers =
      excludedIds.length === 0 ? 0 : await count('customers', { _id: { $in: excludedIds.map((doc) => doc._id) }, outcome: 'transfer', disposition: { $ne: 'deleted' } });
    return {
      customers,
      notified,
      bounced,
      consented,
      refused,
      objected,
      noResponse,
      transferred: outcomeTransfer - excludedTransfers,
      deleted,
      onHold,
      thirdParties,
      thirdPartiesConfirmed,
      excluded: excludedIds.length,
    };
  }
}
