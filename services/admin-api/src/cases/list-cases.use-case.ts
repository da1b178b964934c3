import { Injectable } from '@nestjs/common';
import { CaseRepository, CaseStatisticsRepository, type CaseCounters, type CaseListItem } from '@handover/persistence';
import { teamFilterOf, type Principal } from '../auth/roles';
import { pageOf, readPage } from '../common/paging';
import type { CaseListDto, CaseListItemDto, ListCasesQueryDto } from './case-list.dto';

/** GET /v1/cases: filtered, searched, keyset-paged; no personal data is read. */
@Injectable()
export class ListCasesUseCase {
  constructor(private readonly cases: CaseRepository, private readonly statistics: CaseStatisticsRepository) {}

  /** A non-admin sees the cases of their team only; an admin every team's (or one, with `team`). */
  async execute(query: ListCasesQueryDto, principal: Principal): Promise<CaseListDto> {
    const { status, kind, phase, q } = query;
    const team = teamFilterOf(principal);
    const filter = { ...(status && { status }), ...(kind && { kind }), ...(phase && { phase }), ...(q && { q }), ...(team !== undefined && { teamIds: [team] }) };
    const page = await readPage(() => this.cases.list(filter, pageOf(query)));
    // The page's counters: one read of their status documents (the same figures GET /v1/cases/{id} shows).
    const counters = await this.statistics.countersOf(page.items.map((item) => item.id));
    return { ...page, items: page.items.map((item) => toItemDto(item, counters.get(item.id))) };
  }
}

function toItemDto(item: CaseListItem, counters: CaseCounters | undefined): CaseListItemDto {
  return {
    ...(counters && { counters }),
    id: item.id,
    kind: item.kind,
    jurisdiction: item.jurisdiction,
    status: item.status,
    phase: item.phase,
    createdAt: item.createdAt.toISOString(),
    transferor: { name: item.transferor.name },
    ...(item.recipient && { recipient: { name: item.recipient.name } }),
    ...(item.routes && { routes: item.routes }),
    nextDeadline: item.nextDeadline ? item.nextDeadline.toISOString() : null,
  };
}
