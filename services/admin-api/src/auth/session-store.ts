import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AUTH_CLOCK, type Clock } from './auth.tokens';
import type { Principal } from './roles';
import { SecretKeyedMap } from './secret-keyed-map';

/** A console session ends this long after sign-in, whatever happens. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;
/** …and this long after its last request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 10_000;

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
 * the principal (role, team) and the CSRF token stay here, keyed by the id's SHA-256. In memory:
 * a restart of the admin API signs every console user out. Revoking a key ends its sessions.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new SecretKeyedMap<Session>(MAX_SESSIONS);

  constructor(@Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now) {}

  create(principal: Principal): { id: string; session: Session } {
    const now = this.now();
    const session: Session = { principal, csrfToken: random(), expiresAt: now + SESSION_MAX_AGE_MS, idleUntil: now + SESSION_IDLE_MS };
    return { id: this.sessions.add(session), session };
  }

  /** The live session of this id (its idle deadline moved on), or null. */
  find(id: string): Session | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    const now = this.now();
    if (session.expiresAt <= now || session.idleUntil <= now) {
      this.sessions.delete(id);
      return null;
    }
    session.idleUntil = Math.min(session.expiresAt, now + SESSION_IDLE_MS);
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of the principal (its key was revoked). */
  endAllOf(principalId: string): void {
    this.sessions.deleteWhere((session) => session.principal.id === principalId);
  }
}

/** Whether the presented CSRF token is the session's (constant time). */
export function csrfMatches(session: Session, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
