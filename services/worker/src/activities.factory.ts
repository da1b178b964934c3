import type { Connection } from 'mongoose';
import { createCaseActivities } from '@handover/activities';
import { MasterKey } from '@handover/crypto';
import type { Mailer } from '@handover/mail';
import type { Logger } from '@handover/logging';
import { CaseKeyService, CaseRepository, MailLedgerRepository } from '@handover/persistence';

export interface ActivityContext {
  connection: Connection;
  mailer: Mailer;
  masterKey: string;
  mailDomain: string;
  logger: Logger;
}

/** Wires every activity implementation from its dependencies (one place, used by the worker and tests). */
export function buildActivities(ctx: ActivityContext): Record<string, (...args: never[]) => Promise<unknown>> {
  const keys = new CaseKeyService(ctx.connection, MasterKey.fromBase64(ctx.masterKey));
  const cases = new CaseRepository(ctx.connection);
  const ledger = new MailLedgerRepository(ctx.connection);
  return {
    ...createCaseActivities({ cases, keys, ledger, mailer: ctx.mailer, mailDomain: ctx.mailDomain, logger: ctx.logger }),
  };
}
