import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'case-manager', 'incident-responder', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface Principal {
  /** Opaque id of the key or user; recorded as the actor in evidence and audit. */
  id: string;
  role: Role;
}

export const PUBLIC_KEY = 'handover:public';

/** A route without authentication (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
