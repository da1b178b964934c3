import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@handover/persistence';
import type { AuditVerificationDto } from './audit-event.dto';
import { AuditTrailLocator } from './audit-trail-locator';

/** Re-hashes the whole chain from a cursor (memory stays flat) and reports the first broken link. */
@Injectable()
export class VerifyAuditTrailUseCase {
  constructor(
    private readonly events: AuditRepository,
    private readonly locator: AuditTrailLocator,
  ) {}

  async execute(caseId: string): Promise<AuditVerificationDto> {
    await this.locator.require(caseId);
    return this.events.verify(caseId);
  }
}
