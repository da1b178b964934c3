import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { loadAuditSecrets, loadConfig, loadSecrets, portalSchema, type PortalConfig, type Secrets } from '@handover/config';
import { MasterKeyring, portalTokenSigner, type MasterKey } from '@handover/crypto';
import { createLogger } from '@handover/logging';
import { connectTemporalClient } from '@handover/temporal';
import { AnswerRepository, auditSealingFrom, CaseKeyService, PersistenceModule, RequestRepository, ThirdPartyRepository, TransferExclusionRepository, WindowSlotRepository } from '@handover/persistence';
import { CsrfTokens } from './security/csrf';
import { CASE_KEYS, DERIVATION_KEY, MASTER_KEYS, PORTAL_CONFIG, PORTAL_LOGGER, SECRETS, TEMPORAL_CLIENT, TOKEN_SIGNER } from './common/tokens';

/** Config, secrets and the master keyring: what the persistence module needs before it connects. */
@Global()
@Module({
  providers: [
    { provide: PORTAL_CONFIG, useFactory: (): PortalConfig => loadConfig(portalSchema) },
    { provide: SECRETS, useFactory: (config: PortalConfig): Secrets => loadSecrets(config), inject: [PORTAL_CONFIG] },
    { provide: MASTER_KEYS, useFactory: (secrets: Secrets) => MasterKeyring.from(secrets.masterKeys), inject: [SECRETS] },
  ],
  exports: [PORTAL_CONFIG, SECRETS, MASTER_KEYS],
})
class ConfigurationModule {}

/**
 * Config, secrets, logger, MongoDB, and what the master key yields for the portal: the link signer,
 * the CSRF key and the case keys. Answers go to MongoDB, which the workflow reads at the deadline;
 * the Temporal client (ids only in its payloads, all of them encrypted) lets the portal signal a
 * waiting workflow (a third party's confirmation, the recipient's acknowledgement) or start one
 * (a data-subject request).
 */
@Global()
@Module({
  imports: [
    ConfigurationModule,
    // The evidence, requests, exclusions, third-party and limiter-window indexes (autoIndex is off); the customers' are the worker's.
    PersistenceModule.forRoot({
      uri: { inject: [PORTAL_CONFIG], useFactory: (config: PortalConfig) => config.MONGODB_URI },
      masterKeys: MASTER_KEYS,
      auditSealing: {
        inject: [PORTAL_CONFIG],
        useFactory: (config: PortalConfig) => auditSealingFrom(loadAuditSecrets(config), config, createLogger('portal', config.LOG_LEVEL)),
      },
      indexes: [AnswerRepository, RequestRepository, ThirdPartyRepository, TransferExclusionRepository, WindowSlotRepository],
    }),
  ],
  providers: [
    { provide: PORTAL_LOGGER, useFactory: (config: PortalConfig) => createLogger('portal', config.LOG_LEVEL), inject: [PORTAL_CONFIG] },
    { provide: TOKEN_SIGNER, useFactory: (derivation: MasterKey) => portalTokenSigner(derivation), inject: [DERIVATION_KEY] },
    { provide: CsrfTokens, useFactory: (derivation: MasterKey) => CsrfTokens.fromMasterKey(derivation), inject: [DERIVATION_KEY] },
    { provide: CASE_KEYS, useExisting: CaseKeyService },
    {
      provide: TEMPORAL_CLIENT,
      useFactory: (config: PortalConfig, derivation: MasterKey) =>
        connectTemporalClient({ connection: config, namespace: config.TEMPORAL_NAMESPACE, masterKey: derivation.toBase64() }),
      inject: [PORTAL_CONFIG, DERIVATION_KEY],
    },
  ],
  exports: [ConfigurationModule, PersistenceModule, PORTAL_LOGGER, TOKEN_SIGNER, CsrfTokens, CASE_KEYS, TEMPORAL_CLIENT],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close().catch(() => undefined);
  }
}
