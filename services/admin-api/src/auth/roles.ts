import { SetMetadata } from '@nestjs/common';
import { DEFAULT_TEAM_ID } from '@handover/persistence';

export const ROLES = ['admin', 'case-manager', 'incident-responder', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface Principal {
  /** Opaque id of the key or user; recorded as the actor in evidence and audit. */
  id: string;
  role: Role;
  /**
   * The team whose cases the principal reaches. Every non-admin principal has one (keys from
   * before teams: DEFAULT_TEAM_ID). An admin spans all teams; its team, if any, is only where the
   * cases it opens go when it names none.
   */
  team?: string;
}

/** Admin spans every team; every other role reaches its own team's cases only. */
export const spansAllTeams = (principal: Principal): boolean => principal.role === 'admin';

/** The team a listing is filtered by, or undefined when the principal spans all teams (admin). */
export const teamFilterOf = (principal: Principal): string | undefined =>
  spansAllTeams(principal) ? undefined : (principal.team ?? DEFAULT_TEAM_ID);

export const PUBLIC_KEY = 'handover:public';

/** A route without authentication (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
