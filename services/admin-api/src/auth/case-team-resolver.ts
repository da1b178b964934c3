import { Injectable } from '@nestjs/common';
import { incidentAuditScope } from '@handover/contracts';
import { CaseRepository, DEFAULT_TEAM_ID, GLOBAL_AUDIT_SCOPE, IncidentRepository, RequestRepository } from '@handover/persistence';
import type { CaseSubjectKind } from './case-scope';

/** The `global` audit trail (key and team events, no case data): readable by every team's auditors. */
export const EVERY_TEAM = Symbol('EVERY_TEAM');
export type SubjectTeam = string | typeof EVERY_TEAM | null;

const INCIDENT_TRAIL_PREFIX = incidentAuditScope('');
const MAX_KNOWN_CASES = 100_000;

/**
 * The team a case-bound subject belongs to, or null when there is no such subject: a case its
 * stored team (cases from before teams: DEFAULT_TEAM_ID); a request its case's; an incident its
 * case's, or its opener's team when it has no case; an audit trail its case's or incident's.
 */
@Injectable()
export class CaseTeamResolver {
  /** A case's team never changes once the case exists: known ones are kept (bounded), so a status poll reads no case document. */
  private readonly caseTeams = new Map<string, string>();

  constructor(private readonly cases: CaseRepository, private readonly requests: RequestRepository, private readonly incidents: IncidentRepository) {}

  private async caseTeam(caseId: string): Promise<string | null> {
    const known = this.caseTeams.get(caseId);
    if (known !== undefined) return known;
    const team = await this.cases.findTeam(caseId);
    if (team !== null) {
      this.caseTeams.set(caseId, team);
      if (this.caseTeams.size > MAX_KNOWN_CASES) this.caseTeams.delete(this.caseTeams.keys().next().value as string);
    }
    return team;
  }

  async teamOf(kind: CaseSubjectKind, id: string): Promise<SubjectTeam> {
    switch (kind) {
      case 'case':
        return this.caseTeam(id);
      case 'request': {
        const caseId = await this.requests.findCaseId(id);
        return caseId === null ? null : this.caseTeam(caseId);
      }
      case 'incident': {
        const owner = await this.incidents.findOwner(id);
        if (!owner) return null;
        return owner.caseId !== undefined ? this.caseTeam(owner.caseId) : (owner.team ?? DEFAULT_TEAM_ID);
      }
      case 'audit-trail':
        if (id === GLOBAL_AUDIT_SCOPE) return EVERY_TEAM;
        if (id.startsWith(INCIDENT_TRAIL_PREFIX)) return this.teamOf('incident', id.slice(INCIDENT_TRAIL_PREFIX.length));
        return this.caseTeam(id);
    }
  }
}
