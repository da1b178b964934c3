import { createHash } from 'node:crypto';
import { isRole, type Principal } from '../auth/roles';

/** Why a provider's claims give no principal (the codes of docs/api.md). */
export type ClaimsRefusal = 'OIDC_ROLE_UNKNOWN' | 'OIDC_TEAM_UNKNOWN';

export interface ClaimNames {
  role: string;
  team: string;
}

/** A team as the team claim may name it: by id or by name. */
export interface KnownTeam {
  id: string;
  name: string;
}

/**
 * The person's principal id: pseudonymous and stable (`oidc_` + SHA-256 of issuer and subject,
 * 22 characters), so the audit trail names the same person every time without holding the
 * provider's subject, which may be an email address.
 */
export function oidcPrincipalId(issuer: string, subject: string): string {
  return 'oidc_' + createHash('sha256').update(`${issuer}\n${subject}`).digest('base64url').slice(0, 22);
}

/**
 * Role and team from the configured claims: the role must be one of ours; every role but admin
 * needs a team claim naming an existing team (its id or its name); an admin's team is optional,
 * but when it is given it must exist too.
 */
export function principalFromClaims(
  id: string,
  claims: Readonly<Record<string, unknown>>,
  names: ClaimNames,
  teams: readonly KnownTeam[],
): { principal: Principal } | { refused: ClaimsRefusal; message: string } {
  const role = claims[names.role];
  if (typeof role !== 'string' || !isRole(role)) {
    return { refused: 'OIDC_ROLE_UNKNOWN', message: `the provider's ${names.role} claim names no role of this service` };
  }
  const teamClaim = claims[names.team];
  if (teamClaim === undefined && role === 'admin') return { principal: { id, role } };
  const team = typeof teamClaim === 'string' ? teams.find((known) => known.id === teamClaim || known.name === teamClaim) : undefined;
  if (!team) return { refused: 'OIDC_TEAM_UNKNOWN', message: `the provider's ${names.team} claim names no team of this service` };
  return { principal: { id, role, team: team.id } };
}
