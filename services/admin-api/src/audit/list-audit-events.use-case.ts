import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@handover/persistence';
import type { AuditPageDto } from './audit-event.dto';
import { toAuditEventDto } from './audit-event.mapper';
import { AuditTrailLocator } from './audit-trail-locator';

export const DEFAULT_AUDIT_PAGE = 100;

/** One page of a case's audit trail in chain order. */
@Injectable()
export class ListAuditEventsUseCase {
  constructor(
    private readonly events: AuditRepository,
    private readonly locator: AuditTrailLocator,
  ) {}

  async execute(caseId: string, page: { after?: number | undefined; limit?: number | undefined }): Promise<AuditPageDto> {
    await this.locator.require(caseId);
    const limit = page.limit ?? DEFAULT_AUDIT_PAGE;
    const events = await this.events.list(caseId, { after: page.after ?? 0, limit });
    const last = events[events.length - 1];
    return { events: events.map(toAuditEventDto), next: events.length === limit && last ? last.seq : null };
  }
}
