import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { AdminApiConfig } from '@handover/config';
import { CaseStatisticsRepository, FreshCache, gateStates, type CaseFigures } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { ADMIN_CONFIG, MONGO_CONNECTION } from '../common/tokens';
import type { CaseStatusDto } from './case-status.dto';

/**
 * Case status: ONE document read (`case_stats`), whatever the case's size. No count and no Temporal
 * call on this path: the figures are kept by the projector from the facts the work records as it
 * happens, and recounted at each phase end (docs/architecture.md, "Case status"). Clients that poll
 * together share one read per STATUS_CACHE_MS (default 500 ms): on FerretDB v1 even an `_id` read
 * scans the collection, so a thousand cases make each read cost milliseconds of its CPU.
 */
@Injectable()
export class GetCaseStatusUseCase {
  private readonly statistics: CaseStatisticsRepository;
  private readonly cache: FreshCache<CaseFigures | null>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(ADMIN_CONFIG) config: AdminApiConfig) {
    this.statistics = new CaseStatisticsRepository(connection);
    this.cache = new FreshCache(config.STATUS_CACHE_MS);
  }

  async execute(caseId: string): Promise<CaseStatusDto> {
    const figures = await this.cache.get(caseId, () => this.statistics.read(caseId));
    if (!figures) throw AppError.notFound('case', caseId);
    return {
      id: caseId,
      status: figures.status,
      phase: figures.phase,
      gates: gateStates(figures),
      counters: { ...figures.counters },
      ...(figures.routes && { routes: figures.routes }),
      updatedAt: figures.updatedAt,
    };
  }
}
