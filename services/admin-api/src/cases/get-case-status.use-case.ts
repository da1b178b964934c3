import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CaseStatisticsRepository, gateStates } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION } from '../common/tokens';
import type { CaseStatusDto } from './case-status.dto';

/**
 * Case status: ONE document read (`case_stats`), whatever the case's size. No count and no Temporal
 * call on this path: the figures are kept by the projector from the facts the work records as it
 * happens, and recounted at each phase end (docs/architecture.md, "Case status").
 */
@Injectable()
export class GetCaseStatusUseCase {
  private readonly statistics: CaseStatisticsRepository;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.statistics = new CaseStatisticsRepository(connection);
  }

  async execute(caseId: string): Promise<CaseStatusDto> {
    const figures = await this.statistics.read(caseId);
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
