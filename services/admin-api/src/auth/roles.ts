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

/**
 * @deprecated Roles live in one place, `access-matrix.ts`; this decorator is ignored by the guard
 * and stays only so that existing controllers compile until their `@Roles(...)` lines are removed.
 */
export const Roles = (..._roles: Role[]): MethodDecorator & ClassDecorator => () => undefined;
/** A route without authentication (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
