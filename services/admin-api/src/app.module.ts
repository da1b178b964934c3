import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InfrastructureModule } from './infrastructure.module';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { CaseAccessGuard } from './auth/case-access.guard';
import { CasesModule } from './cases/cases.module';
import { ReportsModule } from './reports/reports.module';
import { HealthController } from './health/health.controller';
import { AuthModule } from './auth/auth.module';
import { AuditModule } from './audit/audit.module';
import { KeysModule } from './keys/keys.module';
import { InventoryModule } from './inventory/inventory.module';
import { IncidentsModule } from './incidents/incidents.module';
import { CodecModule } from './codec/codec.module';
import { ThirdPartiesModule } from './third-parties/third-parties.module';
import { HandoverModule } from './handover/handover.module';
import { RequestsModule } from './requests/requests.module';
import { TeamsModule } from './teams/teams.module';
import { SessionModule } from './session/session.module';
import { CustomersModule } from './customers/customers.module';
import { OidcModule } from './oidc/oidc.module';

@Module({
  imports: [InfrastructureModule, CasesModule, AuthModule, AuditModule, KeysModule, InventoryModule, IncidentsModule, CodecModule, ThirdPartiesModule, HandoverModule, RequestsModule, ReportsModule, TeamsModule, SessionModule, OidcModule, CustomersModule],
  controllers: [HealthController],
  // In this order: authentication and the role matrix (401/403), then per-case access (404).
  providers: [
    { provide: APP_GUARD, useClass: BearerAuthGuard },
    { provide: APP_GUARD, useClass: CaseAccessGuard },
  ],
})
export class AppModule {}
