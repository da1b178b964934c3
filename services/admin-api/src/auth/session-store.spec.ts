import { MemorySecretStore } from '@handover/persistence';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SESSION_TOUCH_MS, SessionStore, csrfMatches, type Session } from './session-store';

describe('SessionStore', () => {
  let now = 1_000_000;
  const secrets = new MemorySecretStore<Session>();
  const store = new SessionStore(secrets, () => now);
  const principal = { id: 'key_1', role: 'case-manager' as const, team: 'tm_1' };

  it('creates random ids and CSRF tokens and finds the session by its id only', async () => {
    const a = await store.create(principal);
    const b = await store.create(principal);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.session.csrfToken).not.toBe(b.session.csrfToken);
    expect((await store.find(a.id))?.principal).toEqual(principal);
    expect(await store.find(a.session.csrfToken)).toBeNull();
  });

  it('ends a session after the idle time without requests and after the maximum age in any case', async () => {
    const idle = await store.create(principal);
    now += SESSION_IDLE_MS + 1;
    expect(await store.find(idle.id)).toBeNull();
    const busy = await store.create(principal);
    for (let t = 0; t < SESSION_MAX_AGE_MS; t += SESSION_IDLE_MS / 2) {
      now += SESSION_IDLE_MS / 2;
      if (t + SESSION_IDLE_MS / 2 < SESSION_MAX_AGE_MS) expect(await store.find(busy.id)).not.toBeNull();
    }
    expect(await store.find(busy.id)).toBeNull();
  });

  it('writes the moved idle deadline at most once a minute, and keeps it in the store', async () => {
    const { id } = await store.create(principal);
    const update = jest.spyOn(secrets, 'update');
    now += SESSION_TOUCH_MS / 2;
    await store.find(id);
    expect(update).not.toHaveBeenCalled();
    now += SESSION_TOUCH_MS;
    await store.find(id);
    expect(update).toHaveBeenCalledTimes(1);
    expect((await secrets.get(id, now))?.expiresAt).toBe(now + SESSION_IDLE_MS);
    update.mockRestore();
  });

  it('ends every session of a principal at once (its key revoked)', async () => {
    const mine = await store.create({ id: 'key_revoked', role: 'auditor' as const });
    const other = await store.create(principal);
    await store.endAllOf('key_revoked');
    expect(await store.find(mine.id)).toBeNull();
    expect(await store.find(other.id)).not.toBeNull();
  });

  it('compares the CSRF token exactly', async () => {
    const { session } = await store.create(principal);
    expect(csrfMatches(session, session.csrfToken)).toBe(true);
    expect(csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
    expect(csrfMatches(session, [session.csrfToken])).toBe(false);
  });
});
