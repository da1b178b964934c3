import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { AdminApiConfig } from '@handover/config';
import { cancellationKeyId, CaseCancellationRepository, CaseKeyService, CaseStatisticsRepository, FreshCache, gateStates, type CaseFigures } from '@handover/persistence';
import { ADMIN_CONFIG, CASE_KEYS } from '../common/tokens';
import type { CaseCancellationDto, CaseStatusDto } from './case-status.dto';

/**
 * Case status: ONE document read (`case_stats`), whatever the case's size. No count and no Temporal
 * call on this path: the figures are kept by the projector from the facts the work records as it
 * happens, and recounted at each phase end (docs/architecture.md, "Case status"). Clients that poll
 * together share one read per STATUS_CACHE_MS (default 500 ms): on FerretDB v1 even an `_id` read
 * scans the collection, so a thousand cases make each read cost milliseconds of its CPU.
 */
@Injectable()
export class GetCaseStatusUseCase {
  private readonly cache: FreshCache<CaseFigures | null>;

  constructor(
    private readonly statistics: CaseStatisticsRepository,
    @Inject(ADMIN_CONFIG) config: AdminApiConfig,
    private readonly cancellations: CaseCancellationRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
  ) {
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
      ...(figures.crossBorder && { crossBorder: { ...figures.crossBorder } }),
      ...(figures.status === 'cancelled' && { cancellation: await this.cancellationOf(caseId) }),
      updatedAt: figures.updatedAt,
    };
  }

  /** A cancelled case's record (a second read, only for cancelled cases). */
  private async cancellationOf(caseId: string): Promise<CaseCancellationDto | undefined> {
    const found = await this.cancellations.find(caseId, await this.keys.cipherFor(cancellationKeyId(caseId)));
    if (!found) return undefined;
    return {
      cancelledAt: found.cancelledAt.toISOString(),
      cancelledBy: found.cancelledBy,
      fromStatus: found.fromStatus,
      ...(found.phase && { phase: found.phase }),
      reason: found.reason,
    };
  }
}
