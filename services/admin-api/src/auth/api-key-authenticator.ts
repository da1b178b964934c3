import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApiKeyRepository, DEFAULT_TEAM_ID } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { LOGGER } from '../common/tokens';
import { hashApiKeyToken, looksLikeApiKeyToken } from './api-key-token';
import { AUTH_CLOCK, type Clock } from './auth.tokens';
import { isRole, type Principal, type Role } from './roles';

/** How long a lookup (found, missing or revoked) is trusted: revocation takes effect within this. */
export const API_KEY_CACHE_TTL_MS = 5_000;
/** lastUsedAt is written at most once per key per this interval. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;
const MAX_CACHED = 10_000;

interface CachedLookup {
  principal: Principal | null;
  /** When this cache entry must be looked up again. */
  expiresAt: number;
  /** When the key itself expires (checked at every authentication, cached or not). */
  keyExpiresAt?: number;
}

/**
 * Resolves an API key token to its principal: SHA-256 of the token, looked up by hash, unrevoked
 * and unexpired only; the principal carries the key's team (DEFAULT_TEAM_ID for a non-admin key
 * stored before teams). Lookups are cached for at most API_KEY_CACHE_TTL_MS; revocation in this process also
 * drops the cached entry at once.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CachedLookup>();
  private readonly touchedAt = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(LOGGER) private readonly logger: Pick<Logger, 'warn'>,
    @Optional() @Inject(AUTH_CLOCK) private readonly now: Clock = Date.now,
  ) {}

  async authenticate(token: string): Promise<Principal | null> {
    if (!looksLikeApiKeyToken(token)) return null;
    const tokenHash = hashApiKeyToken(token);
    const now = this.now();
    const cached = this.cache.get(tokenHash);
    const lookup = cached && cached.expiresAt > now ? cached : await this.load(tokenHash, now);
    if (!lookup.principal || (lookup.keyExpiresAt !== undefined && lookup.keyExpiresAt <= now)) return null;
    this.touch(lookup.principal.id, now);
    return lookup.principal;
  }

  /** Forgets every cached lookup of the key (called when it is revoked). */
  invalidate(keyId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.principal?.id === keyId) this.cache.delete(hash);
    }
  }

  private async load(tokenHash: string, now: number): Promise<CachedLookup> {
    const key = await this.keys.findByTokenHash(tokenHash);
    const principal = key && !key.revokedAt && isRole(key.role) ? toPrincipal(key.id, key.role, key.team) : null;
    if (principal && key?.lastUsedAt) {
      const stored = key.lastUsedAt.getTime();
      if (stored > (this.touchedAt.get(principal.id) ?? 0)) this.touchedAt.set(principal.id, stored);
    }
    const entry: CachedLookup = { principal, expiresAt: now + API_KEY_CACHE_TTL_MS, ...(key?.expiresAt && { keyExpiresAt: key.expiresAt.getTime() }) };
    this.cache.delete(tokenHash);
    if (this.cache.size >= MAX_CACHED) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(tokenHash, entry);
    return entry;
  }

  /** Records the use without delaying the request; a failed write only logs. */
  private touch(keyId: string, now: number): void {
    if (now - (this.touchedAt.get(keyId) ?? 0) < API_KEY_TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(keyId, now);
    this.keys.touch(keyId, new Date(now), API_KEY_TOUCH_INTERVAL_MS).catch((error: unknown) => {
      this.logger.warn({ keyId, err: (error as Error).name }, 'could not record API key use');
    });
  }
}

function toPrincipal(id: string, role: Role, team: string | undefined): Principal {
  if (role === 'admin') return { id, role, ...(team !== undefined && { team }) };
  return { id, role, team: team ?? DEFAULT_TEAM_ID };
}
