import { MemorySecretStore } from '@handover/persistence';
import { PENDING_LOGIN_MS, PendingLogins, type PendingLogin } from './pending-logins';

describe('PendingLogins', () => {
  const login = { state: 's', nonce: 'n', codeVerifier: 'v' };

  it('gives back a sign-in once, by its random id', async () => {
    const store = new PendingLogins(new MemorySecretStore<PendingLogin>(), () => 1_000);
    const id = await store.begin(login);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.take(id)).toMatchObject(login);
    expect(await store.take(id)).toBeNull();
    expect(await store.take('x'.repeat(43))).toBeNull();
  });

  it('forgets a sign-in after ten minutes', async () => {
    let now = 0;
    const store = new PendingLogins(new MemorySecretStore<PendingLogin>(), () => now);
    const id = await store.begin(login);
    now = PENDING_LOGIN_MS;
    expect(await store.take(id)).toBeNull();
  });
});
