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
import { ADMIN_CONFIG, CASE_KEYS, DERIVATION_KEY, LOGGER, MASTER_KEYS, SECRETS, TEMPORAL_CLIENT } from './common/tokens';

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
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (config: AdminApiConfig, derivation: MasterKey) =>
        connectTemporalClient({ connection: config, namespace: config.TEMPORAL_NAMESPACE, masterKey: derivation.toBase64() }),
      inject: [ADMIN_CONFIG, DERIVATION_KEY],
    },
  ],
  exports: [ConfigurationModule, PersistenceModule, CASE_KEYS, LOGGER, TEMPORAL_CLIENT],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
  }
}

function serviceAuditSealing(config: AdminApiConfig): ReturnType<typeof auditSealingFrom> {
  return auditSealingFrom(loadAuditSecrets(config), config, createLogger('admin-api', config.LOG_LEVEL));
}
