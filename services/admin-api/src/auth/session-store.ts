import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '@handover/persistence';
import { AUTH_CLOCK, SESSION_SECRETS, type Clock } from './auth.tokens';
import type { Principal } from './roles';

/** A console session ends this long after sign-in, whatever happens. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;
/** …and this long after its last request (give or take SESSION_TOUCH_MS). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A request moves the idle deadline on in the store at most this often: one write a minute, not one per request. */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface Session {
  principal: Principal;
  /** Sent back by the console in X-CSRF-Token on every state-changing request. */
  csrfToken: string;
  expiresAt: number;
  idleUntil: number;
}

const random = (): string => randomBytes(32).toString('base64url');

/**
 * Console sessions, server-side: the browser holds only a random session id in an HttpOnly cookie;
 * the principal (role, team) and the CSRF token are kept in the shared store (the database's
 * auth_secrets, keyed by the id's SHA-256), so every admin API replica finds a session whichever
 * signed it in, and a restart signs nobody out. Revoking a key ends its sessions.
 */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(SESSION_SECRETS) private readonly store: SecretStore<Session>,
    @Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now,
  ) {}

  async create(principal: Principal): Promise<{ id: string; session: Session }> {
    const now = this.now();
    const session: Session = { principal, csrfToken: random(), expiresAt: now + SESSION_MAX_AGE_MS, idleUntil: now + SESSION_IDLE_MS };
    return { id: await this.store.add(session, session.idleUntil, principal.id), session };
  }

  /** The live session of this id (its idle deadline moved on), or null. */
  async find(id: string): Promise<Session | null> {
    const now = this.now();
    const entry = await this.store.get(id, now);
    if (!entry) return null;
    const session = entry.value;
    if (session.expiresAt <= now || session.idleUntil <= now) {
      await this.store.delete(id);
      return null;
    }
    const idleUntil = Math.min(session.expiresAt, now + SESSION_IDLE_MS);
    if (idleUntil - session.idleUntil >= SESSION_TOUCH_MS) {
      session.idleUntil = idleUntil;
      await this.store.update(id, session, idleUntil);
    }
    return session;
  }

  end(id: string): Promise<void> {
    return this.store.delete(id);
  }

  /** Ends every session of the principal (its key was revoked). */
  endAllOf(principalId: string): Promise<void> {
    return this.store.deleteOwnedBy(principalId);
  }
}

/** Whether the presented CSRF token is the session's (constant time). */
export function csrfMatches(session: Session, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
