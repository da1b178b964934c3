import { Global, Inject, Module, type DynamicModule, type InjectionToken, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { createConnection, type Connection } from 'mongoose';
import { MasterKey, type MasterKeyring } from '@handover/crypto';
import { connectMongo } from '../mongo-connection';
import { AnswerRepository } from '../answers/answer.repository';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { AuthSecretRepository } from '../auth-secrets/auth-secret.repository';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditSealing } from '../audit/audit-sealing';
import { CaseKeyService } from '../case-keys/case-key.service';
import { DerivationKeyStore } from '../master-keys/derivation-key.store';
import { MasterKeyRotation } from '../master-keys/master-key-rotation';
import { CaseCancellationRepository } from '../cases/case-cancellation.repository';
import { CaseRepository } from '../cases/case.repository';
import { CustomerRepository } from '../customers/customer.repository';
import { DeletionCertificateRepository } from '../deletion/deletion-certificate.repository';
import { TransferExclusionRepository } from '../exclusions/transfer-exclusion.repository';
import { GateDecisionRepository } from '../gates/gate-decision.repository';
import { HandoverRepository } from '../handover/handover.repository';
import { RecipientAcknowledgementRepository } from '../handover/recipient-acknowledgement.repository';
import { RecipientKeyRepository } from '../handover/recipient-key.repository';
import { IncidentPopulationRepository } from '../incidents/incident-population.repository';
import { IncidentRepository } from '../incidents/incident.repository';
import { InventoryImportRepository } from '../inventory-imports/inventory-import.repository';
import { MailLedgerRepository } from '../mail-ledger/mail-ledger.repository';
import { NotificationStore } from '../notification/notification.store';
import { PiiaRepository } from '../piia/piia-report.repository';
import { RejectionRepository } from '../rejections/rejection.repository';
import { ComplianceReportRepository } from '../reports/compliance-report.repository';
import { InterimReportRepository } from '../reports/interim-report.repository';
import { CustomerCorrectionRepository } from '../requests/customer-correction.repository';
import { RequestDecisionRepository } from '../requests/request-decision.repository';
import { RequestFilingService } from '../requests/request-filing';
import { RequestRepository } from '../requests/request.repository';
import { CaseStatisticsRepository } from '../statistics/case-statistics.repository';
import { TeamRepository } from '../teams/team.repository';
import { ThirdPartyRepository } from '../third-parties/third-party.repository';
import { WindowSlotRepository } from '../limits/window-slot.repository';
import { DatabaseHealth } from './database-health';
import type { BlobStore, StorageKind } from '../storage/blob-store';
import { openBlobStore } from '../storage/open-blob-store';

/** The storage port (issue 17): inject `@Inject(BLOB_STORE) store: BlobStore`. */
export const BLOB_STORE = Symbol('persistence:blob-store');

/**
 * The derivation key (a MasterKey: `deriveKey`, `keyId`), loaded from derivation_keys at start-up
 * (created on an installation's first start): inject `@Inject(DERIVATION_KEY) key: MasterKey` for
 * the codec, link-token, CSRF, blind-index, upload and seal keys.
 */
export const DERIVATION_KEY = Symbol('persistence:derivation-key');

/** The one connection of the process: a token private to this library (nothing outside injects it). */
const CONNECTION = Symbol('persistence:connection');

/** Every repository that needs only the connection: each is provided once, its class is its token. */
const REPOSITORIES = [
  AnswerRepository,
  ApiKeyRepository,
  AuditRepository,
  AuthSecretRepository,
  CaseCancellationRepository,
  CaseRepository,
  CaseStatisticsRepository,
  ComplianceReportRepository,
  CustomerCorrectionRepository,
  CustomerRepository,
  DeletionCertificateRepository,
  GateDecisionRepository,
  HandoverRepository,
  IncidentPopulationRepository,
  IncidentRepository,
  InterimReportRepository,
  InventoryImportRepository,
  MailLedgerRepository,
  NotificationStore,
  PiiaRepository,
  RecipientAcknowledgementRepository,
  RecipientKeyRepository,
  RejectionRepository,
  RequestDecisionRepository,
  RequestRepository,
  TeamRepository,
  ThirdPartyRepository,
  TransferExclusionRepository,
  WindowSlotRepository,
] as const;

type WithIndexes = { ensureIndexes(): Promise<void> };

export interface PersistenceModuleOptions {
  /** The MongoDB URI, from the service's configuration. */
  uri: { inject: InjectionToken[]; useFactory: (...args: never[]) => string };
  /** The token under which the service provides its MasterKeyring (wraps the case keys and the derivation key). */
  masterKeys: InjectionToken;
  /**
   * The repositories whose indexes this process builds at start-up (autoIndex is off): the one
   * place a service names them. Each `ensureIndexes` is idempotent.
   */
  indexes?: ReadonlyArray<(typeof REPOSITORIES)[number]>;
  /** Keys and cadence of the keyed, checkpointed audit chain (absent: unkeyed events, no checkpoints). */
  auditSealing?: { inject: InjectionToken[]; useFactory: (...args: never[]) => AuditSealing };
  /** Which blob store (HANDOVER_STORAGE) and the data directory the local one writes under; absent: local under `.data`. */
  storage?: { inject: InjectionToken[]; useFactory: (...args: never[]) => { HANDOVER_STORAGE: StorageKind; HANDOVER_DATA_DIR: string } };
}

const AUDIT_SEALING = Symbol('persistence:audit-sealing');

const INDEXED = Symbol('persistence:indexed');

/**
 * The persistence boundary for the Nest services: opens the connection, provides every repository
 * (and the case keys, the request filing service and a health ping) once, builds the named indexes
 * at start-up and closes the connection at shutdown. Services and use cases inject repositories by
 * class; the connection itself never leaves libs/persistence (lint rule `persistence-boundary`).
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: CONNECTION, useFactory: (...args: never[]) => connectMongo(options.uri.useFactory(...args)), inject: options.uri.inject },
      { provide: AUDIT_SEALING, useFactory: options.auditSealing?.useFactory ?? (() => undefined), inject: options.auditSealing?.inject ?? [] },
      ...REPOSITORIES.map((type): Provider =>
        type === AuditRepository
          ? { provide: type, useFactory: (connection: Connection, sealing: AuditSealing | undefined) => new AuditRepository(connection, sealing ? { sealing } : {}), inject: [CONNECTION, AUDIT_SEALING] }
          : { provide: type, useFactory: (connection: Connection) => new type(connection), inject: [CONNECTION] }),
      { provide: CaseKeyService, useFactory: (connection: Connection, keyring: MasterKeyring) => new CaseKeyService(connection, keyring), inject: [CONNECTION, options.masterKeys] },
      {
        provide: DERIVATION_KEY,
        useFactory: (connection: Connection, keyring: MasterKeyring): Promise<MasterKey> => new DerivationKeyStore(connection, keyring).load(),
        inject: [CONNECTION, options.masterKeys],
      },
      { provide: MasterKeyRotation, useFactory: (connection: Connection, keyring: MasterKeyring) => new MasterKeyRotation(connection, keyring), inject: [CONNECTION, options.masterKeys] },
      { provide: RequestFilingService, useFactory: (connection: Connection, keys: CaseKeyService) => new RequestFilingService(connection, keys), inject: [CONNECTION, CaseKeyService] },
      { provide: DatabaseHealth, useFactory: (connection: Connection) => new DatabaseHealth(connection), inject: [CONNECTION] },
      { provide: INDEXED, useFactory: (...repositories: WithIndexes[]) => repositories, inject: [...(options.indexes ?? [])] },
      {
        provide: BLOB_STORE,
        useFactory: (connection: Connection, ...args: never[]): BlobStore =>
          openBlobStore(options.storage?.useFactory(...args) ?? { HANDOVER_STORAGE: 'local', HANDOVER_DATA_DIR: '.data' }, connection),
        inject: [CONNECTION, ...(options.storage?.inject ?? [])],
      },
      PersistenceLifecycle,
    ];
    return {
      module: PersistenceModule,
      providers,
      exports: [...REPOSITORIES, CaseKeyService, DERIVATION_KEY, MasterKeyRotation, RequestFilingService, DatabaseHealth, BLOB_STORE],
    };
  }
}

/**
 * For tools that assemble an application without a database (the OpenAPI writer): replaces the
 * connection with an unopened one (and the derivation key, which is read from the database, with a
 * random one), so nothing connects and no route may be called.
 */
export function withoutDatabase<B extends { overrideProvider(token: unknown): { useValue(value: unknown): B } }>(builder: B): B {
  return builder.overrideProvider(CONNECTION).useValue(createConnection()).overrideProvider(DERIVATION_KEY).useValue(MasterKey.generate());
}

/** Builds the named indexes once at start-up; closes the connection last at shutdown. */
class PersistenceLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CONNECTION) private readonly connection: Connection,
    @Inject(INDEXED) private readonly indexed: WithIndexes[],
  ) {}

  async onModuleInit(): Promise<void> {
    for (const repository of this.indexed) await repository.ensureIndexes();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
