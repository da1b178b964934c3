import { Global, Module, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { AuditRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditTrailLocator } from './audit-trail-locator';
import { ListAuditEventsUseCase } from './list-audit-events.use-case';
import { VerifyAuditTrailUseCase } from './verify-audit-trail.use-case';
import { ExportAuditTrailUseCase } from './export-audit-trail.use-case';

/** The audit trail endpoints, and AuditService for every module that records events (global). */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    { provide: AuditRepository, useFactory: (connection: Connection) => new AuditRepository(connection), inject: [MONGO_CONNECTION] },
    AuditService,
    AuditTrailLocator,
    ListAuditEventsUseCase,
    VerifyAuditTrailUseCase,
    ExportAuditTrailUseCase,
  ],
  exports: [AuditService, AuditRepository],
})
export class AuditModule implements OnModuleInit {
  constructor(private readonly events: AuditRepository) {}

  async onModuleInit(): Promise<void> {
    await this.events.ensureIndexes();
  }
}
