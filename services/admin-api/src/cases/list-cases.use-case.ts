import { Injectable } from '@nestjs/common';
import { CaseRepository, type CaseListItem } from '@handover/persistence';
import { pageOf, readPage } from '../common/paging';
import type { CaseListDto, CaseListItemDto, ListCasesQueryDto } from './case-list.dto';

/** GET /v1/cases: filtered, searched, keyset-paged; no personal data is read. */
@Injectable()
export class ListCasesUseCase {
  constructor(private readonly cases: CaseRepository) {}

  async execute(query: ListCasesQueryDto): Promise<CaseListDto> {
    const { status, kind, phase, q } = query;
    const page = await readPage(() => this.cases.list({ ...(status && { status }), ...(kind && { kind }), ...(phase && { phase }), ...(q && { q }) }, pageOf(query)));
    // Per-case counters join here (one read of the case-statistics documents of the page's ids).
    return { ...page, items: page.items.map(toItemDto) };
  }
}

function toItemDto(item: CaseListItem): CaseListItemDto {
  return {
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
