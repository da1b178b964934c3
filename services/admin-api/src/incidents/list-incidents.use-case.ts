import { Injectable } from '@nestjs/common';
import { IncidentRepository } from '@handover/persistence';
import { pageOf, readPage } from '../common/paging';
import { teamFilterOf, type Principal } from '../auth/roles';
import type { IncidentPageDto, ListIncidentsQueryDto } from './incident-list.dto';

/** GET /v1/incidents: incidents and drills, newest first, in keyset pages. */
@Injectable()
export class ListIncidentsUseCase {
  constructor(private readonly incidents: IncidentRepository) {}

  async execute(query: ListIncidentsQueryDto, principal: Principal): Promise<IncidentPageDto> {
    const team = teamFilterOf(principal);
    const filter = {
      ...(team !== undefined && { team }),
      ...(query.drill !== undefined && { drill: query.drill === 'true' }),
      ...(query.caseId !== undefined && { caseId: query.caseId }),
      ...(query.status !== undefined && { status: query.status }),
    };
    const page = await readPage(() => this.incidents.list(filter, pageOf(query)));
    return {
      ...page,
      items: page.items.map((item) => ({ ...item, detectedAt: item.detectedAt.toISOString(), createdAt: item.createdAt.toISOString() })),
    };
  }
}
