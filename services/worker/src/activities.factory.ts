import type { Connection } from 'mongoose';
import { buildIncidentActivities, createCaseActivities, createDeletionActivities, createReportActivities, createInventoryActivities, createNotificationActivities, NotificationStore } from '@handover/activities';
import { createThirdPartyActivities } from '@handover/activities';
import { createHandoverActivities } from '@handover/activities';
import { buildRequestActivities } from '@handover/activities';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import type { Mailer } from '@handover/mail';
import type { Logger } from '@handover/logging';
import {
  CaseKeyService,
  CaseRepository,
  CustomerRepository,
  HandoverRepository,
  RequestRepository,
  InventoryImportRepository,
  MailLedgerRepository,
  PiiaRepository,
  RejectionRepository,
} from '@handover/persistence';
import { ThirdPartyRepository } from '@handover/persistence';
import { RecipientAcknowledgementRepository, RecipientKeyRepository } from '@handover/persistence';

export interface ActivityContext {
  connection: Connection;
  mailer: Mailer;
  masterKey: string;
  mailDomain: string;
  logger: Logger;
  /** Base URL of the customer portal (links in notices); default http://127.0.0.1:3001. */
  portalUrl?: string;
  /** Customer messages in flight at once; default twice the SMTP pool size (5 → 10). */
  mailConcurrency?: number;
  /** Where drill notices and incident reminders go (INCIDENT_INTERNAL_ADDRESSES). */
  internalAddresses?: readonly string[];
  /** The data directory shared with the admin API (uploads, handover packages); default `.data`. */
  dataDir?: string;
}

/** Wires every activity implementation from its dependencies (one place, used by the worker and tests). */
export function buildActivities(ctx: ActivityContext): Record<string, (...args: never[]) => Promise<unknown>> {
  const master = MasterKey.fromBase64(ctx.masterKey);
  const keys = new CaseKeyService(ctx.connection, master);
  const cases = new CaseRepository(ctx.connection);
  const ledger = new MailLedgerRepository(ctx.connection);
  return {
    ...createCaseActivities({ cases, keys, ledger, mailer: ctx.mailer, mailDomain: ctx.mailDomain, logger: ctx.logger }),
    ...createInventoryActivities({
      cases,
      keys,
      imports: new InventoryImportRepository(ctx.connection),
      customers: new CustomerRepository(ctx.connection),
      rejections: new RejectionRepository(ctx.connection),
      piia: new PiiaRepository(ctx.connection),
      master,
      logger: ctx.logger,
    }),
    ...createNotificationActivities({
      cases,
      keys,
      // Group commit: a mailing keeps many messages in flight; their claims and marks share writes.
      ledger: new MailLedgerRepository(ctx.connection, { groupCommit: true }),
      store: new NotificationStore(ctx.connection),
      mailer: ctx.mailer,
      tokens: portalTokenSigner(master),
      portalUrl: ctx.portalUrl ?? 'http://127.0.0.1:3001',
      mailDomain: ctx.mailDomain,
      logger: ctx.logger,
      concurrency: ctx.mailConcurrency ?? 10,
    }),
    ...buildIncidentActivities({ ...ctx, internalAddresses: ctx.internalAddresses ?? ['security@handover.local'] }),
    ...buildRequestActivities(ctx),
    ...createDeletionActivities({ connection: ctx.connection, keys, cases, logger: ctx.logger, dataDir: ctx.dataDir ?? '.data' }),
    ...createReportActivities({
      connection: ctx.connection,
      cases,
      keys,
      logger: ctx.logger,
      sources: {
        thirdParties: (caseId) => new ThirdPartyRepository(ctx.connection).listForReport(caseId, keys),
        requests: (caseId) => new RequestRepository(ctx.connection).listForReport(caseId),
        handover: (caseId) => new HandoverRepository(ctx.connection).forReport(caseId),
      },
    }),
    ...createThirdPartyActivities({
      cases,
      keys,
      thirdParties: new ThirdPartyRepository(ctx.connection),
      ledger,
      mailer: ctx.mailer,
      tokens: portalTokenSigner(master),
      portalUrl: ctx.portalUrl ?? 'http://127.0.0.1:3001',
      mailDomain: ctx.mailDomain,
      logger: ctx.logger,
    }),
    ...createHandoverActivities({
      cases,
      keys,
      handover: new HandoverRepository(ctx.connection),
      recipientKeys: new RecipientKeyRepository(ctx.connection),
      acknowledgements: new RecipientAcknowledgementRepository(ctx.connection),
      ledger,
      mailer: ctx.mailer,
      master,
      tokens: portalTokenSigner(master),
      dataDir: ctx.dataDir ?? '.data',
      portalUrl: ctx.portalUrl ?? 'http://127.0.0.1:3001',
      mailDomain: ctx.mailDomain,
      logger: ctx.logger,
    }),
  };
}
