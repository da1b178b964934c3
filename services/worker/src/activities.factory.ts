import {
  activityExecution,
  createCaseActivities,
  createApprovalActivities,
  createDeletionActivities,
  createHoldExpirySweep,
  type HoldExpirySweep,
  createHandoverActivities,
  createIncidentActivities,
  createInventoryActivities,
  createNotificationActivities,
  createReportActivities,
  createRequestActivities,
  createThirdPartyActivities,
  DEFAULT_CHROMIUM_PATH,
  renderReportPdf,
} from '@handover/activities';
import { MasterKey, portalTokenSigner, type MasterKeyring } from '@handover/crypto';
import type { Mailer } from '@handover/mail';
import type { Logger } from '@handover/logging';
import {
  LocalBlobStore,
  type BlobStore,
  AnswerRepository,
  AuditRepository,
  CaseKeyService,
  CaseRepository,
  ComplianceReportRepository,
  CustomerCorrectionRepository,
  CustomerRepository,
  DeletionCertificateRepository,
  GateDecisionRepository,
  DispositionStore,
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
  ThirdPartyRepository,
  TransferExclusionRepository,
  type AuditSealing,
  type DatabaseConnection,
} from '@handover/persistence';

export interface ActivityContext {
  connection: DatabaseConnection;
  mailer: Mailer;
  /**
   * base64 of the derivation key (codec, link-token, blind-index, upload and seal keys); on an
   * installation from before the keyring (and in tests), the single master key's bytes.
   */
  masterKey: string;
  /** The master keyring that wraps the case keys; default: a keyring of `masterKey` alone. */
  masterKeys?: MasterKeyring;
  mailDomain: string;
  logger: Logger;
  /** Base URL of the customer portal (links in notices); default http://127.0.0.1:3001. */
  portalUrl?: string;
  /** Customer messages in flight at once; default twice the SMTP pool size (5 → 10). */
  mailConcurrency?: number;
  /** Where drill notices and incident reminders go (INCIDENT_INTERNAL_ADDRESSES). */
  internalAddresses?: readonly string[];
  /** The data directory shared with the admin API (handover packages); default `.data`. */
  dataDir?: string;
  /** The blob store of the uploads (HANDOVER_STORAGE); default: the local folder under dataDir. */
  blobs?: BlobStore;
  /** The Chromium that prints report PDFs (CHROMIUM_PATH); default /usr/bin/chromium. */
  chromiumPath?: string;
  /** Keyed audit events and signed checkpoints (absent: unkeyed events). */
  auditSealing?: AuditSealing;
}

/**
 * Wires every activity implementation from its dependencies (one place, used by the worker and
 * tests). The master key, the case keys (one key cache), the repositories and the link signer
 * are made once here and shared by every area.
 */
export function buildActivities(ctx: ActivityContext): Record<string, (...args: never[]) => Promise<unknown>> {
  const { connection, mailer, mailDomain, logger } = ctx;
  const master = MasterKey.fromBase64(ctx.masterKey);
  const keys = new CaseKeyService(connection, ctx.masterKeys ?? master);
  const cases = new CaseRepository(connection);
  const ledger = new MailLedgerRepository(connection);
  // A retried activity finds the events its earlier attempt appended: each is on the trail once.
  const audit = new AuditRepository(connection, { operation: activityExecution, ...(ctx.auditSealing && { sealing: ctx.auditSealing }) });
  const tokens = portalTokenSigner(master);
  const portalUrl = ctx.portalUrl ?? 'http://127.0.0.1:3001';
  const dataDir = ctx.dataDir ?? '.data';
  const blobs = ctx.blobs ?? new LocalBlobStore(dataDir);
  const thirdParties = new ThirdPartyRepository(connection);
  const requests = new RequestRepository(connection);
  const handover = new HandoverRepository(connection);
  const customers = new CustomerRepository(connection);
  const rejections = new RejectionRepository(connection);
  const piia = new PiiaRepository(connection);
  const certificates = new DeletionCertificateRepository(connection);
  const mailing = { ledger, mailer, mailDomain, logger };
  return {
    ...createCaseActivities({ cases, keys, audit, ...mailing }),
    ...createApprovalActivities({ decisions: new GateDecisionRepository(connection), logger }),
    ...createInventoryActivities({
      cases,
      keys,
      imports: new InventoryImportRepository(connection),
      customers,
      rejections,
      piia,
      master,
      blobs,
      logger,
    }),
    ...createNotificationActivities({
      ...mailing,
      cases,
      keys,
      // Group commit: a mailing keeps many messages in flight; their claims and marks share writes.
      ledger: new MailLedgerRepository(connection, { groupCommit: true }),
      store: new NotificationStore(connection),
      tokens,
      portalUrl,
      audit,
      concurrency: ctx.mailConcurrency ?? 10,
    }),
    ...createIncidentActivities({
      ...mailing,
      incidents: new IncidentRepository(connection),
      population: new IncidentPopulationRepository(connection),
      cases,
      keys,
      audit,
      internalAddresses: ctx.internalAddresses ?? ['security@handover.local'],
    }),
    ...createRequestActivities({
      ...mailing,
      requests,
      decisions: new RequestDecisionRepository(connection),
      corrections: new CustomerCorrectionRepository(connection),
      cases,
      keys,
      audit,
      tokens,
      master,
      portalUrl,
    }),
    ...createThirdPartyActivities({ ...mailing, cases, keys, thirdParties, tokens, portalUrl }),
    ...createHandoverActivities({
      ...mailing,
      cases,
      keys,
      handover,
      recipientKeys: new RecipientKeyRepository(connection),
      acknowledgements: new RecipientAcknowledgementRepository(connection),
      master,
      tokens,
      dataDir,
      portalUrl,
      audit,
    }),
    ...createDeletionActivities({
      dispositions: new DispositionStore(connection),
      certificates,
      exclusions: new TransferExclusionRepository(connection),
      keys,
      cases,
      audit,
      logger,
      dataDir,
      blobs,
    }),
    ...createReportActivities({
      cases,
      reports: new ComplianceReportRepository(connection),
      interimReports: new InterimReportRepository(connection),
      certificates,
      piia,
      audit,
      customers,
      ledger,
      answers: new AnswerRepository(connection),
      rejections,
      keys,
      logger,
      printPdf: (html) => renderReportPdf(html, ctx.chromiumPath ?? DEFAULT_CHROMIUM_PATH),
      sources: {
        thirdParties: (caseId) => thirdParties.listForReport(caseId, keys),
        requests: (caseId) => requests.listForReport(caseId),
        handover: (caseId) => handover.forReport(caseId),
      },
    }),
  };
}

/** The hold-expiry sweep (outside any workflow: the worker runs it on a timer), on the worker's connection and keys. */
export function buildHoldExpirySweep(ctx: Pick<ActivityContext, 'connection' | 'masterKey' | 'masterKeys' | 'logger' | 'auditSealing'>): (now?: Date) => Promise<HoldExpirySweep> {
  const { connection, logger } = ctx;
  return createHoldExpirySweep({
    dispositions: new DispositionStore(connection),
    certificates: new DeletionCertificateRepository(connection),
    keys: new CaseKeyService(connection, ctx.masterKeys ?? MasterKey.fromBase64(ctx.masterKey)),
    audit: new AuditRepository(connection, ctx.auditSealing ? { sealing: ctx.auditSealing } : {}),
    logger,
  });
}
