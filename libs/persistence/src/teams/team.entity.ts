/**
 * A team: the unit of access to cases. Every case belongs to one team; every API key of a role
 * other than admin belongs to one team and reaches that team's cases only.
 */
export interface TeamEntity {
  /** `tm_…`, or DEFAULT_TEAM_ID. Not secret. */
  id: string;
  /** A label (not personal data), unique. */
  name: string;
  createdAt: Date;
}

/**
 * The team created at start-up. Cases and non-admin keys stored before teams existed (no `team`
 * field) belong to it, and so do cases an admin opens without naming a team.
 */
export const DEFAULT_TEAM_ID = 'default';
