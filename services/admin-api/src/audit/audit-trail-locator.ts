import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { AuditRepository, CaseRepository, GLOBAL_AUDIT_SCOPE } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION } from '../common/tokens';

/**
 * 404 unless the trail can exist: `global`, a trail with events (which outlives its case), or a
 * case that has no events yet. The message never echoes the id given.
 */
@Injectable()
export class AuditTrailLocator {
  private readonly cases: CaseRepository;

  constructor(
    private readonly events: AuditRepository,
    @Inject(MONGO_CONNECTION) connection: Connection,
  ) {
    this.cases = new CaseRepository(connection);
  }

  async require(caseId: string): Promise<void> {
    if (caseId === GLOBAL_AUDIT_SCOPE || (await this.events.exists(caseId)) || (await this.cases.findState(caseId))) return;
    throw new AppError('NOT_FOUND', 'case not found', HttpStatus.NOT_FOUND);
  }
}
