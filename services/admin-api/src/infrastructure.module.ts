import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { adminApiSchema, loadAuditSecrets, loadConfig, loadSecrets, type AdminApiConfig, type Secrets } from '@handover/config';
import { createLogger } from '@handover/logging';
import { MasterKeyring, type MasterKey } from '@handover/crypto';
import {
  ApiKeyRepository,
  AuthSecretRepository,
  auditSealingFrom,
  AuditRepository,
  CaseKeyService,
  GateDecisionRepository,
  IncidentRepository,
  PersistenceModule,
  RequestRepository,
  TeamRepository,
  ThirdPartyRepository,
  TransferExclusionRepository,
  WindowSlotRepository,
} from '@handover/persistence';
import { connectTemporalClient } from '@handover/temporal';
import { startTracing, tracingClientInterceptors, type Tracing } from '@handover/tracing';
import { ADMIN_CONFIG, CASE_KEYS, DERIVATION_KEY, LOGGER, MASTER_KEYS, SECRETS, TEMPORAL_CLIENT, TRACING } from './common/tokens';

/** Config, secrets and the master keyring: what the persistence module needs before it connects. */
@Global()
@Module({
  providers: [
    { provide: ADMIN_CONFIG, useFactory: (): AdminApiConfig => loadConfig(adminApiSchema) },
    { provide: SECRETS, useFactory: (config: AdminApiConfig): Secrets => loadSecrets(config), inject: [ADMIN_CONFIG] },
    { provide: MASTER_KEYS, useFactory: (secrets: Secrets) => MasterKeyring.from(secrets.masterKeys), inject: [SECRETS] },
  ],
  exports: [ADMIN_CONFIG, SECRETS, MASTER_KEYS],
})
class ConfigurationModule {}

/**
 * Config, secrets, the master key, the logger, the Temporal client, and the persistence module
 * (the MongoDB connection, every repository, the case keys; the indexes the admin API builds at
 * start-up) for the admin API.
 */
@Global()
@Module({
  imports: [
    ConfigurationModule,
    PersistenceModule.forRoot({
      uri: { inject: [ADMIN_CONFIG], useFactory: (config: AdminApiConfig) => config.MONGODB_URI },
      masterKeys: MASTER_KEYS,
      auditSealing: { inject: [ADMIN_CONFIG], useFactory: (config: AdminApiConfig) => serviceAuditSealing(config) },
      storage: { inject: [ADMIN_CONFIG], useFactory: (config: AdminApiConfig) => config },
      indexes: [ApiKeyRepository, AuditRepository, AuthSecretRepository, GateDecisionRepository, IncidentRepository, RequestRepository, TeamRepository, ThirdPartyRepository, TransferExclusionRepository, WindowSlotRepository],
    }),
  ],
  providers: [
    { provide: LOGGER, useFactory: (config: AdminApiConfig) => createLogger('admin-api', config.LOG_LEVEL), inject: [ADMIN_CONFIG] },
    { provide: CASE_KEYS, useExisting: CaseKeyService },
    // Tracing is set up (OTEL_EXPORTER_OTLP_ENDPOINT set) before the Temporal client, whose interceptors depend on it.
    { provide: TRACING, useFactory: (config: AdminApiConfig): Tracing | null => startTracing('admin-api', config.OTEL_EXPORTER_OTLP_ENDPOINT) ?? null, inject: [ADMIN_CONFIG] },
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (config: AdminApiConfig, derivation: MasterKey, tracing: Tracing | null) =>
        connectTemporalClient({
          connection: config,
          namespace: config.TEMPORAL_NAMESPACE,
          masterKey: derivation.toBase64(),
          ...(tracing && { interceptors: tracingClientInterceptors() }),
        }),
      inject: [ADMIN_CONFIG, DERIVATION_KEY, TRACING],
    },
  ],
  exports: [ConfigurationModule, PersistenceModule, CASE_KEYS, LOGGER, TEMPORAL_CLIENT, TRACING],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TRACING) private readonly tracing: Tracing | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
    await this.tracing?.shutdown().catch(() => undefined);
  }
}

function serviceAuditSealing(config: AdminApiConfig): ReturnType<typeof auditSealingFrom> {
  return auditSealingFrom(loadAuditSecrets(config), config, createLogger('admin-api', config.LOG_LEVEL));
}
