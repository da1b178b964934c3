import { Inject, Injectable, Optional } from '@nestjs/common';
import { AUTH_CLOCK, type Clock } from '../auth/auth.tokens';
import { SecretKeyedMap } from '../auth/secret-keyed-map';

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

/**
 * The sign-ins under way, kept by the admin API: the browser holds only a random id in an
 * HttpOnly cookie scoped to /auth/callback; state, nonce and the PKCE verifier never reach it.
 * Each is used once. In memory: a sign-in must end at the replica (or process) that began it.
 */
@Injectable()
export class PendingLogins {
  private readonly pending = new SecretKeyedMap<PendingLogin>(MAX_PENDING);

  constructor(@Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now) {}

  begin(login: Omit<PendingLogin, 'expiresAt'>): string {
    const now = this.now();
    this.pending.deleteWhere((entry) => entry.expiresAt <= now);
    return this.pending.add({ ...login, expiresAt: now + PENDING_LOGIN_MS });
  }

  /** The live sign-in of this id, removed (a second callback with it finds nothing). */
  take(id: string): PendingLogin | null {
    const login = this.pending.get(id);
    this.pending.delete(id);
    return login && login.expiresAt > this.now() ? login : null;
  }
}
