import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditPublicKeyController } from './audit-public-key.controller';
import { AuditService } from './audit.service';
import { AuditTrailLocator } from './audit-trail-locator';
import { ListAuditEventsUseCase } from './list-audit-events.use-case';
import { VerifyAuditTrailUseCase } from './verify-audit-trail.use-case';
import { ExportAuditTrailUseCase } from './export-audit-trail.use-case';

/** The audit trail endpoints, and AuditService for every module that records events (global). */
@Global()
@Module({
  controllers: [AuditController, AuditPublicKeyController],
  providers: [
    AuditService,
    AuditTrailLocator,
    ListAuditEventsUseCase,
    VerifyAuditTrailUseCase,
    ExportAuditTrailUseCase,
  ],
  exports: [AuditService],
})
export class AuditModule {}
