import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseRepository, RequestRepository } from '@handover/persistence';
import { teamFilterOf, type Principal } from '../auth/roles';
import { BULK_MATCH_LIMIT, type BulkRequestsDto, type BulkRequestsResultDto, type BulkSkipDto } from './bulk-requests.dto';
import { ExtendRequestUseCase } from './extend-request.use-case';
import { ResolveRequestUseCase } from './resolve-request.use-case';

/**
 * Runs one action on every request a filter matches in the caller's team's cases (an admin's: every
 * case), less the excluded ids. Each request goes through the single-request use case, so its rules,
 * its audit event and its mail are the same; a request that use case refuses is skipped with its code.
 */
@Injectable()
export class BulkRequestsUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly requests: RequestRepository,
    private readonly extend: ExtendRequestUseCase, private readonly resolve: ResolveRequestUseCase,
  ) {}

  async execute(dto: BulkRequestsDto, principal: Principal): Promise<BulkRequestsResultDto> {
    const team = teamFilterOf(principal);
    // An admin reaches every case (no list of ids); another team's case (or a missing one) matches nothing.
    const reachable = team === undefined ? undefined : await this.cases.idsOfTeams([team]);
    const wanted = dto.filter.caseId;
    const caseIds = wanted ? (reachable === undefined || reachable.includes(wanted) ? [wanted] : []) : reachable;
    const ids = caseIds?.length === 0 ? [] : await this.requests.matchIds({ ...(caseIds && { caseIds }), ...(dto.filter.ids && { ids: dto.filter.ids }), ...(dto.filter.status && { status: dto.filter.status }), ...(dto.filter.kind && { type: dto.filter.kind }) }, BULK_MATCH_LIMIT + 1);
    const more = ids.length > BULK_MATCH_LIMIT;
    const matched = ids.slice(0, BULK_MATCH_LIMIT);
    const exclude = new Set(dto.exclude ?? []);
    const skipped: BulkSkipDto[] = [];
    let acted = 0;
    for (const id of matched.filter((each) => !exclude.has(each))) {
      try {
        await this.act(id, dto, principal);
        acted += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        skipped.push({ id, code: error.code });
      }
    }
    return { matched: matched.length, acted, excluded: matched.filter((id) => exclude.has(id)).length, skipped, more };
  }

  private act(id: string, dto: BulkRequestsDto, principal: Principal): Promise<unknown> {
    switch (dto.action) {
      case 'extend':
        return this.extend.execute(id, { reason: dto.reason }, principal);
      case 'resolve':
        return this.resolve.execute(id, { outcome: 'done', reasons: dto.reason }, principal);
      case 'refuse':
        return this.resolve.execute(id, { outcome: 'refused', reasons: dto.reason }, principal);
    }
  }
}
