import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SessionStore, csrfMatches } from './session-store';

describe('SessionStore', () => {
  let now = 1_000_000;
  const store = new SessionStore(() => now);
  const principal = { id: 'key_1', role: 'case-manager' as const, team: 'tm_1' };

  it('creates random ids and CSRF tokens and finds the session by its id only', () => {
    const a = store.create(principal);
    const b = store.create(principal);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.session.csrfToken).not.toBe(b.session.csrfToken);
    expect(store.find(a.id)?.principal).toEqual(principal);
    expect(store.find(a.session.csrfToken)).toBeNull();
  });

  it('ends a session after the idle time without requests and after the maximum age in any case', () => {
    const idle = store.create(principal);
    now += SESSION_IDLE_MS + 1;
    expect(store.find(idle.id)).toBeNull();
    const busy = store.create(principal);
    for (let t = 0; t < SESSION_MAX_AGE_MS; t += SESSION_IDLE_MS / 2) {
      now += SESSION_IDLE_MS / 2;
      if (t + SESSION_IDLE_MS / 2 < SESSION_MAX_AGE_MS) expect(store.find(busy.id)).not.toBeNull();
    }
    expect(store.find(busy.id)).toBeNull();
  });

  it('compares the CSRF token exactly', () => {
    const { session } = store.create(principal);
    expect(csrfMatches(session, session.csrfToken)).toBe(true);
    expect(csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
    expect(csrfMatches(session, [session.csrfToken])).toBe(false);
  });
});
