import type { Jurisdiction } from '../../rules/types';
import { CN_PIPL_PLAYBOOK } from './cn-pipl.playbook';
import { EU_GDPR_PLAYBOOK } from './eu-gdpr.playbook';
import type { IncidentPlaybook } from './playbook.types';

/** Every playbook version the product knows, oldest first per jurisdiction. */
export const INCIDENT_PLAYBOOKS: readonly IncidentPlaybook[] = Object.freeze([CN_PIPL_PLAYBOOK, EU_GDPR_PLAYBOOK]);

export class UnknownPlaybookError extends Error {
  readonly code = 'PLAYBOOK_UNKNOWN';
  constructor(jurisdiction: string, version?: string) {
    super(`No incident playbook for ${jurisdiction}${version ? ` version ${version}` : ''}`);
    this.name = 'UnknownPlaybookError';
  }
}

/**
 * The playbook of a jurisdiction profile: the latest version, or exactly `version` (an incident
 * re-read later keeps the version it ran under).
 */
export function selectPlaybook(jurisdiction: Jurisdiction, version?: string, playbooks: readonly IncidentPlaybook[] = INCIDENT_PLAYBOOKS): IncidentPlaybook {
  const candidates = playbooks.filter((p) => p.jurisdiction === jurisdiction && (version === undefined || p.version === version));
  const found = candidates[candidates.length - 1];
  if (!found) throw new UnknownPlaybookError(jurisdiction, version);
  return found;
}
