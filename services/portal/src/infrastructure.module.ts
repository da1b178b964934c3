import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { loadConfig, loadSecrets, portalSchema, type PortalConfig, type Secrets } from '@handover/config';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import { createLogger } from '@handover/logging';
import { connectTemporalClient } from '@handover/temporal';
import { AnswerRepository, CaseKeyService, CaseRepository, connectMongo } from '@handover/persistence';
import { CsrfTokens } from './security/csrf';
import {
  ANSWER_REPOSITORY,
  CASE_KEYS,
  CASE_REPOSITORY,
  MASTER_KEY,
  MONGO_CONNECTION,
  PORTAL_CONFIG,
  PORTAL_LOGGER,
  SECRETS,
  TEMPORAL_CLIENT,
  TOKEN_SIGNER,
} from './common/tokens';

/**
 * Config, secrets, logger, MongoDB, and what the master key yields for the portal: the link signer,
 * the CSRF key and the case keys. Answers go to MongoDB, which the workflow reads at the deadline;
 * the Temporal client (ids only in its payloads, all of them encrypted) lets the portal signal a
 * waiting workflow (a third party's confirmation, the recipient's acknowledgement) or start one
 * (a data-subject request).
 */
@Global()
@Module({
  providers: [
    { provide: PORTAL_CONFIG, useFactory: (): PortalConfig => loadConfig(portalSchema) },
    { provide: SECRETS, useFactory: (config: PortalConfig): Secrets => loadSecrets(config), inject: [PORTAL_CONFIG] },
    { provide: PORTAL_LOGGER, useFactory: (config: PortalConfig) => createLogger('portal', config.LOG_LEVEL), inject: [PORTAL_CONFIG] },
    { provide: MONGO_CONNECTION, useFactory: (config: PortalConfig) => connectMongo(config.MONGODB_URI), inject: [PORTAL_CONFIG] },
    { provide: MASTER_KEY, useFactory: (secrets: Secrets) => MasterKey.fromBase64(secrets.masterKey), inject: [SECRETS] },
    { provide: TOKEN_SIGNER, useFactory: (master: MasterKey) => portalTokenSigner(master), inject: [MASTER_KEY] },
    { provide: CsrfTokens, useFactory: (master: MasterKey) => CsrfTokens.fromMasterKey(master), inject: [MASTER_KEY] },
    { provide: CASE_KEYS, useFactory: (mongo: Connection, master: MasterKey) => new CaseKeyService(mongo, master), inject: [MONGO_CONNECTION, MASTER_KEY] },
    { provide: CASE_REPOSITORY, useFactory: (mongo: Connection) => new CaseRepository(mongo), inject: [MONGO_CONNECTION] },
    { provide: ANSWER_REPOSITORY, useFactory: (mongo: Connection) => new AnswerRepository(mongo), inject: [MONGO_CONNECTION] },
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (config: PortalConfig, secrets: Secrets) =>
        connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, masterKey: secrets.masterKey }),
      inject: [PORTAL_CONFIG, SECRETS],
    },
  ],
  exports: [PORTAL_CONFIG, SECRETS, PORTAL_LOGGER, MONGO_CONNECTION, TOKEN_SIGNER, CsrfTokens, CASE_KEYS, CASE_REPOSITORY, ANSWER_REPOSITORY, TEMPORAL_CLIENT],
})
export class InfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(ANSWER_REPOSITORY) private readonly answers: AnswerRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** The evidence index (autoIndex is off); the customers' indexes are the worker's. */
  async onModuleInit(): Promise<void> {
    await this.answers.ensureIndexes();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
    await this.mongo.close().catch(() => undefined);
  }
}
