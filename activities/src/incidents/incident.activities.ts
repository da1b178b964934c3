import type { Connection } from 'mongoose';
import type { IncidentActivities } from '@handover/contracts';
import { incidentAuditScope } from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import type { Logger } from '@handover/logging';
import type { Mailer } from '@handover/mail';
import { AuditRepository, CaseKeyService, CaseRepository, IncidentPopulationRepository, IncidentRepository, MailLedgerRepository } from '@handover/persistence';
import { assessIncident, SYSTEM_ACTOR } from './assess-incident';
import type { IncidentActivityDeps } from './incident.deps';
import { sendIncidentAlert } from './send-incident-alert';
import { sendIncidentNotices } from './send-incident-notices';

export function createIncidentActivities(deps: IncidentActivityDeps): IncidentActivities {
  if (deps.internalAddresses.length === 0) throw new Error('incident activities need at least one internal address');
  return {
    assessIncident: (input) => assessIncident(deps, input),
    sendIncidentNotices: (input) => sendIncidentNotices(deps, input),
    sendIncidentAlert: (input) => sendIncidentAlert(deps, input),

    async saveIncidentSnapshot({ view }) {
      await deps.incidents.saveSnapshot(view);
    },

    async recordIncidentEvent({ incidentId, action, subject, data }) {
      await deps.audit.append(incidentAuditScope(incidentId), { actor: SYSTEM_ACTOR, action, subject, ...(data && { data }) });
    },
  };
}

/** Builds the incident activities from the worker's shared resources (one line in the worker's factory). */
export function buildIncidentActivities(ctx: {
  connection: Connection;
  mailer: Mailer;
  masterKey: string;
  mailDomain: string;
  logger: Logger;
  internalAddresses: readonly string[];
}): IncidentActivities {
  return createIncidentActivities({
    incidents: new IncidentRepository(ctx.connection),
    population: new IncidentPopulationRepository(ctx.connection),
    cases: new CaseRepository(ctx.connection),
    keys: new CaseKeyService(ctx.connection, MasterKey.fromBase64(ctx.masterKey)),
    ledger: new MailLedgerRepository(ctx.connection),
    audit: new AuditRepository(ctx.connection),
    mailer: ctx.mailer,
    mailDomain: ctx.mailDomain,
    internalAddresses: ctx.internalAddresses,
    logger: ctx.logger,
  });
}
