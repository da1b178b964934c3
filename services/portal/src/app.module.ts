import { Module } from '@nestjs/common';
import { loadConfig, portalSchema, type PortalConfig } from '@handover/config';
import { createLogger } from '@handover/logging';
import { HealthController } from './health.controller';

export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
export const PORTAL_LOGGER = Symbol('PORTAL_LOGGER');

/** The customer, third-party and recipient portal (pages and JSON reached by signed links). */
@Module({
  controllers: [HealthController],
  providers: [
    { provide: PORTAL_CONFIG, useFactory: (): PortalConfig => loadConfig(portalSchema) },
    { provide: PORTAL_LOGGER, useFactory: (config: PortalConfig) => createLogger('portal', config.LOG_LEVEL), inject: [PORTAL_CONFIG] },
  ],
})
export class PortalModule {}
