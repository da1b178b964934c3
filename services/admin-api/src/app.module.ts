import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InfrastructureModule } from './infrastructure.module';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { CasesModule } from './cases/cases.module';
import { HealthController } from './health/health.controller';

@Module({
  imports: [InfrastructureModule, CasesModule],
  controllers: [HealthController],
  providers: [{ provide: APP_GUARD, useClass: BearerAuthGuard }],
})
export class AppModule {}
