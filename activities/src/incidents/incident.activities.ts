import { incidentAuditScope, type IncidentActivities } from '@handover/contracts';
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
