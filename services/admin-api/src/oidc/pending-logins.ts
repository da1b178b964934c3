import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SecretStore } from '@handover/persistence';
import { AUTH_CLOCK, OIDC_LOGIN_SECRETS, type Clock } from '../auth/auth.tokens';

/** A browser has this long between /auth/login and the provider sending it back to /auth/callback. */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;

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
 * Each is used once. In the shared store (the database's auth_secrets), so the provider may send
 * the browser back to any replica.
 */
@Injectable()
export class PendingLogins {
  constructor(
    @Inject(OIDC_LOGIN_SECRETS) private readonly store: SecretStore<PendingLogin>,
    @Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now,
  ) {}

  begin(login: Omit<PendingLogin, 'expiresAt'>): Promise<string> {
    const expiresAt = this.now() + PENDING_LOGIN_MS;
    return this.store.add({ ...login, expiresAt }, expiresAt);
  }

  /** The live sign-in of this id, removed (a second callback with it finds nothing). */
  async take(id: string): Promise<PendingLogin | null> {
    return (await this.store.take(id, this.now()))?.value ?? null;
  }
}
