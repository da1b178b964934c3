import type { ApiKeyEntity, ApiKeyRepository } from '@handover/persistence';
import { API_KEY_CACHE_TTL_MS, API_KEY_TOUCH_INTERVAL_MS, ApiKeyAuthenticator } from './api-key-authenticator';
import { generateApiKeyToken, hashApiKeyToken } from './api-key-token';

class FakeKeys {
  readonly byHash = new Map<string, ApiKeyEntity>();
  lookups = 0;
  touches: Array<{ id: string; at: Date }> = [];

  add(token: string, role = 'auditor', extra: Partial<ApiKeyEntity> = {}): ApiKeyEntity {
    const key = { id: `key_${this.byHash.size + 1}`, name: 'k', role, tokenHash: hashApiKeyToken(token), createdAt: new Date(0), ...extra };
    this.byHash.set(key.tokenHash, key);
    return key;
  }

  findByTokenHash(hash: string): Promise<ApiKeyEntity | null> {
    this.lookups += 1;
    return Promise.resolve(this.byHash.get(hash) ?? null);
  }

  touch(id: string, at: Date): Promise<void> {
    this.touches.push({ id, at });
    return Promise.resolve();
  }
}

describe('ApiKeyAuthenticator', () => {
  let now: number;
  let keys: FakeKeys;
  let auth: ApiKeyAuthenticator;
  const logger = { warn: jest.fn() };

  beforeEach(() => {
    now = 1_000_000;
    keys = new FakeKeys();
    auth = new ApiKeyAuthenticator(keys as unknown as ApiKeyRepository, logger as never, () => now);
  });

  it('resolves an unrevoked key to its id, role and team; a non-admin key without a team is in the default team', async () => {
    const token = generateApiKeyToken();
    const key = keys.add(token, 'case-manager', { team: 'tm_a' });
    expect(await auth.authenticate(token)).toEqual({ id: key.id, role: 'case-manager', team: 'tm_a' });
    const old = generateApiKeyToken();
    const oldKey = keys.add(old, 'auditor');
    expect(await auth.authenticate(old)).toEqual({ id: oldKey.id, role: 'auditor', team: 'default' });
    const admin = generateApiKeyToken();
    const adminKey = keys.add(admin, 'admin');
    expect(await auth.authenticate(admin)).toEqual({ id: adminKey.id, role: 'admin' });
  });

  it('refuses a key from its expiry on, even while its lookup is cached', async () => {
    const token = generateApiKeyToken();
    keys.add(token, 'auditor', { team: 'tm_a', expiresAt: new Date(now + 1_000) });
    expect(await auth.authenticate(token)).not.toBeNull();
    now += 999;
    expect(await auth.authenticate(token)).not.toBeNull();
    now += 1;
    expect(await auth.authenticate(token)).toBeNull();
    expect(keys.lookups).toBe(1);
  });

  it('refuses unknown, revoked, malformed and unknown-role keys', async () => {
    const revoked = generateApiKeyToken();
    keys.add(revoked, 'auditor', { revokedAt: new Date(0) });
    const oddRole = generateApiKeyToken();
    keys.add(oddRole, 'superuser');
    expect(await auth.authenticate(generateApiKeyToken())).toBeNull();
    expect(await auth.authenticate(revoked)).toBeNull();
    expect(await auth.authenticate(oddRole)).toBeNull();
    const before = keys.lookups;
    expect(await auth.authenticate('not-a-key')).toBeNull();
    expect(keys.lookups).toBe(before);
  });

  it('serves repeated requests from the cache for at most the TTL', async () => {
    const token = generateApiKeyToken();
    keys.add(token);
    await auth.authenticate(token);
    await auth.authenticate(token);
    expect(keys.lookups).toBe(1);
    now += API_KEY_CACHE_TTL_MS;
    await auth.authenticate(token);
    expect(keys.lookups).toBe(2);
  });

  it('sees a revocation made elsewhere once the cache entry expires, and at once after invalidate', async () => {
    const token = generateApiKeyToken();
    const key = keys.add(token);
    expect(await auth.authenticate(token)).not.toBeNull();
    key.revokedAt = new Date(now);
    now += API_KEY_CACHE_TTL_MS - 1;
    expect(await auth.authenticate(token)).not.toBeNull();
    now += 1;
    expect(await auth.authenticate(token)).toBeNull();

    const other = generateApiKeyToken();
    const otherKey = keys.add(other);
    expect(await auth.authenticate(other)).not.toBeNull();
    otherKey.revokedAt = new Date(now);
    auth.invalidate(otherKey.id);
    expect(await auth.authenticate(other)).toBeNull();
  });

  it('records lastUsedAt at most once a minute per key', async () => {
    const token = generateApiKeyToken();
    const key = keys.add(token);
    await auth.authenticate(token);
    now += 30_000;
    await auth.authenticate(token);
    expect(keys.touches).toEqual([{ id: key.id, at: new Date(1_000_000) }]);
    now += API_KEY_TOUCH_INTERVAL_MS - 30_000;
    await auth.authenticate(token);
    expect(keys.touches).toHaveLength(2);
  });

  it('does not write lastUsedAt when the stored value is recent (another process wrote it)', async () => {
    const token = generateApiKeyToken();
    keys.add(token, 'auditor', { lastUsedAt: new Date(now - 10_000) });
    await auth.authenticate(token);
    expect(keys.touches).toEqual([]);
  });
});
