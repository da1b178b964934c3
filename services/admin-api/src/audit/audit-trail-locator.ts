import { HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { AuditRepository, CaseRepository, GLOBAL_AUDIT_SCOPE } from '@handover/persistence';

/**
 * 404 unless the trail can exist: `global`, a trail with events (which outlives its case), or a
 * case that has no events yet. The message never echoes the id given.
 */
@Injectable()
export class AuditTrailLocator {

  constructor(
    private readonly events: AuditRepository,
    private readonly cases: CaseRepository,
  ) {}

  async require(caseId: string): Promise<void> {
    if (caseId === GLOBAL_AUDIT_SCOPE || (await this.events.exists(caseId)) || (await this.cases.findState(caseId))) return;
    throw new AppError('NOT_FOUND', 'case not found', HttpStatus.NOT_FOUND);
  }
}
