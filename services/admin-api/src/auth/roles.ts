import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'case-manager', 'incident-responder', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Opaque id of the key or user; recorded as the actor in evidence and audit. */
  id: string;
  role: Role;
}

export const ROLES_KEY = 'handover:roles';
export const PUBLIC_KEY = 'handover:public';

/** Roles allowed on a route; admin is always allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route without authentication (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
