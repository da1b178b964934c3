import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AUTH_CLOCK, type Clock } from '../auth/auth.tokens';

/** A browser has this long between /auth/login and the provider sending it back to /auth/callback. */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;
const MAX_PENDING = 10_000;

/** What /auth/callback checks the provider's answer against. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

const hash = (id: string): string => createHash('sha256').update(id).digest('base64url');

/**
 * The sign-ins under way, kept by the admin API: the browser holds only a random id in an
 * HttpOnly cookie scoped to /auth/callback; state, nonce and the PKCE verifier never reach it.
 * Each is used once. In memory: a sign-in must end at the replica (or process) that began it.
 */
@Injectable()
export class PendingLogins {
  private readonly pending = new Map<string, PendingLogin>();

  constructor(@Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now) {}

  begin(login: Omit<PendingLogin, 'expiresAt'>): string {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(key);
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
    this.pending.set(hash(id), { ...login, expiresAt: now + PENDING_LOGIN_MS });
    return id;
  }

  /** The live sign-in of this id, removed (a second callback with it finds nothing). */
  take(id: string): PendingLogin | null {
    const key = hash(id);
    const login = this.pending.get(key);
    this.pending.delete(key);
    return login && login.expiresAt > this.now() ? login : null;
  }
}
