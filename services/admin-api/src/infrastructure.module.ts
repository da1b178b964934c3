import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Client } from '@temporalio/client';
import { adminApiSchema, loadConfig, loadSecrets, type AdminApiConfig, type Secrets } from '@handover/config';
import { createLogger } from '@handover/logging';
import { MasterKey } from '@handover/crypto';
import { CaseKeyService, connectMongo } from '@handover/persistence';
import { connectTemporalClient } from '@handover/temporal';
import { REPOSITORIES, REPOSITORY_PROVIDERS } from './common/repositories';
import { ADMIN_CONFIG, CASE_KEYS, LOGGER, MASTER_KEY, MONGO_CONNECTION, SECRETS, TEMPORAL_CLIENT } from './common/tokens';

/** Config, secrets, the master key and the case keys, logger, MongoDB and Temporal connections, and the repositories, for the admin API. */
@Global()
@Module({
  providers: [
    { provide: ADMIN_CONFIG, useFactory: (): AdminApiConfig => loadConfig(adminApiSchema) },
    { provide: SECRETS, useFactory: (config: AdminApiConfig): Secrets => loadSecrets(config), inject: [ADMIN_CONFIG] },
    { provide: LOGGER, useFactory: (config: AdminApiConfig) => createLogger('admin-api', config.LOG_LEVEL), inject: [ADMIN_CONFIG] },
    { provide: MONGO_CONNECTION, useFactory: (config: AdminApiConfig) => connectMongo(config.MONGODB_URI), inject: [ADMIN_CONFIG] },
    { provide: MASTER_KEY, useFactory: (secrets: Secrets) => MasterKey.fromBase64(secrets.masterKey), inject: [SECRETS] },
    { provide: CASE_KEYS, useFactory: (mongo: Connection, master: MasterKey) => new CaseKeyService(mongo, master), inject: [MONGO_CONNECTION, MASTER_KEY] },
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (config: AdminApiConfig, secrets: Secrets) =>
        connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, masterKey: secrets.masterKey }),
      inject: [ADMIN_CONFIG, SECRETS],
    },
    ...REPOSITORY_PROVIDERS,
  ],
  exports: [ADMIN_CONFIG, SECRETS, MASTER_KEY, CASE_KEYS, LOGGER, MONGO_CONNECTION, TEMPORAL_CLIENT, ...REPOSITORIES],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
    await this.mongo.close().catch(() => undefined);
  }
}
