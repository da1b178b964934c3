import type { Connection } from 'mongoose';
import type { RequestActivities } from '@handover/contracts';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import type { Mailer } from '@handover/mail';
import {
  AuditRepository,
  CaseKeyService,
  CaseRepository,
  CustomerCorrectionRepository,
  MailLedgerRepository,
  RequestDecisionRepository,
  RequestRepository,
} from '@handover/persistence';
import { applyRequestResolution } from './apply-request-resolution';
import { forwardWithdrawal } from './forward-withdrawal';
import { notifyRequestExtension } from './notify-request-extension';
import { notifyRequestOutcome } from './notify-request-outcome';
import type { RequestActivityDeps } from './request.deps';
import { sendRequestAlert } from './send-request-alert';

export function createRequestActivities(deps: RequestActivityDeps): RequestActivities {
  return {
    forwardWithdrawal: (input) => forwardWithdrawal(deps, input),
    sendRequestAlert: (input) => sendRequestAlert(deps, input),
    notifyRequestExtension: (input) => notifyRequestExtension(deps, input),
    applyRequestResolution: (input) => applyRequestResolution(deps, input),
    notifyRequestOutcome: (input) => notifyRequestOutcome(deps, input),
  };
}

/** Builds the request activities from the worker's shared resources (one line in the worker's factory). */
export function buildRequestActivities(ctx: {
  connection: Connection;
  mailer: Mailer;
  masterKey: string;
  mailDomain: string;
  logger: Logger;
  portalUrl?: string;
}): RequestActivities {
  const master = MasterKey.fromBase64(ctx.masterKey);
  return createRequestActivities({
    requests: new RequestRepository(ctx.connection),
    decisions: new RequestDecisionRepository(ctx.connection),
    corrections: new CustomerCorrectionRepository(ctx.connection),
    cases: new CaseRepository(ctx.connection),
    keys: new CaseKeyService(ctx.connection, master),
    ledger: new MailLedgerRepository(ctx.connection),
    audit: new AuditRepository(ctx.connection),
    mailer: ctx.mailer,
    mailDomain: ctx.mailDomain,
    tokens: portalTokenSigner(master),
    master,
    portalUrl: ctx.portalUrl ?? 'http://127.0.0.1:3001',
    logger: ctx.logger,
  });
}
