import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { loadConfig, loadSecrets, portalSchema, type PortalConfig, type Secrets } from '@handover/config';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import { createLogger } from '@handover/logging';
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
  TOKEN_SIGNER,
} from './common/tokens';

/**
 * Config, secrets, logger, MongoDB, and what the master key yields for the portal: the link signer,
 * the CSRF key and the case keys. The portal needs no Temporal client: answers go to MongoDB,
 * which the workflow reads at the deadline.
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
  ],
  exports: [PORTAL_CONFIG, SECRETS, PORTAL_LOGGER, MONGO_CONNECTION, TOKEN_SIGNER, CsrfTokens, CASE_KEYS, CASE_REPOSITORY, ANSWER_REPOSITORY],
})
export class InfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(ANSWER_REPOSITORY) private readonly answers: AnswerRepository,
  ) {}

  /** The evidence index (autoIndex is off); the customers' indexes are the worker's. */
  async onModuleInit(): Promise<void> {
    await this.answers.ensureIndexes();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close().catch(() => undefined);
  }
}
