import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AUTH_CLOCK, type Clock } from '../auth/auth.tokens';
import type { Principal } from '../auth/roles';

const MAX_DEVICE_LOGINS = 1_000;

/** Where one device sign-in stands: still waiting for the person, or finished one way or the other. */
export type DeviceOutcome = { state: 'pending' } | { state: 'approved'; principal: Principal } | { state: 'failed'; error: unknown };

interface DeviceLogin {
  outcome: DeviceOutcome;
  expiresAt: number;
  abort: AbortController;
}

const hash = (id: string): string => createHash('sha256').update(id).digest('base64url');

/**
 * The CLI sign-ins under way: the admin API polls the provider for each (the provider's device
 * code never leaves the API) and keeps the outcome until the CLI collects it, once, with the
 * random id it was given. In memory, like the console sessions.
 */
@Injectable()
export class DeviceLogins implements OnModuleDestroy {
  private readonly logins = new Map<string, DeviceLogin>();

  constructor(@Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now) {}

  /** Registers a sign-in whose outcome `wait` settles; returns its id for the CLI. */
  begin(expiresInSeconds: number, wait: (signal: AbortSignal) => Promise<Principal>): string {
    this.sweep();
    if (this.logins.size >= MAX_DEVICE_LOGINS) {
      const oldest = this.logins.entries().next();
      if (!oldest.done) this.drop(oldest.value[0], oldest.value[1]);
    }
    const id = randomBytes(32).toString('base64url');
    const login: DeviceLogin = { outcome: { state: 'pending' }, expiresAt: this.now() + expiresInSeconds * 1000, abort: new AbortController() };
    this.logins.set(hash(id), login);
    wait(login.abort.signal).then(
      (principal) => (login.outcome = { state: 'approved', principal }),
      (error: unknown) => (login.outcome = { state: 'failed', error }),
    );
    return id;
  }

  /** The outcome of this sign-in, or null when unknown or expired; a finished one is forgotten once read. */
  collect(id: string): DeviceOutcome | null {
    const key = hash(id);
    const login = this.logins.get(key);
    if (!login) return null;
    if (login.outcome.state === 'pending' && login.expiresAt <= this.now()) {
      this.drop(key, login);
      return null;
    }
    if (login.outcome.state !== 'pending') this.logins.delete(key);
    return login.outcome;
  }

  onModuleDestroy(): void {
    for (const [key, login] of this.logins) this.drop(key, login);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, login] of this.logins) if (login.expiresAt <= now) this.drop(key, login);
  }

  private drop(key: string, login: DeviceLogin): void {
    login.abort.abort();
    this.logins.delete(key);
  }
}
