import { PENDING_LOGIN_MS, PendingLogins } from './pending-logins';

describe('PendingLogins', () => {
  const login = { state: 's', nonce: 'n', codeVerifier: 'v' };

  it('gives back a sign-in once, by its random id', () => {
    const store = new PendingLogins(() => 1_000);
    const id = store.begin(login);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.take(id)).toMatchObject(login);
    expect(store.take(id)).toBeNull();
    expect(store.take('x'.repeat(43))).toBeNull();
  });

  it('forgets a sign-in after ten minutes', () => {
    let now = 0;
    const store = new PendingLogins(() => now);
    const id = store.begin(login);
    now = PENDING_LOGIN_MS;
    expect(store.take(id)).toBeNull();
  });
});
