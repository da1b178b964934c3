import { adminToken, testEnv } from '@handover/testing';

/**
 * Issue 16: the console's session against the running admin API. A token is exchanged for an
 * HttpOnly SameSite=Strict cookie holding a random id; the session (role, team, CSRF token) stays
 * on the server; state-changing cookie requests need X-CSRF-Token; revoking the key ends it.
 */
describe('console session (POST/GET /auth/session, POST /auth/logout)', () => {
  const env = testEnv();
  const stamp = Date.now();
  const json = { 'content-type': 'application/json' };
  const admin = { authorization: `Bearer ${adminToken()}`, ...json };
  const url = (path: string) => `${env.adminUrl}${path}`;

  async function signIn(token: string): Promise<{ cookie: string; csrf: string; body: Record<string, unknown>; setCookie: string }> {
    const res = await fetch(url('/auth/session'), { method: 'POST', headers: { ...json, 'sec-fetch-site': 'same-origin' }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as Record<string, unknown>;
    return { cookie: setCookie.split(';')[0]!, csrf: String(body['csrfToken']), body, setCookie };
  }

  it('refuses a missing token (400 naming it), a wrong one (401) and a sign-in posted from another site (403)', async () => {
    const missing = await fetch(url('/auth/session'), { method: 'POST', headers: json, body: '{}' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toContain('token');
    const wrong = await fetch(url('/auth/session'), { method: 'POST', headers: json, body: JSON.stringify({ token: 'hov_not-a-real-key-000000000000' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const crossSite = await fetch(url('/auth/session'), { method: 'POST', headers: { ...json, 'sec-fetch-site': 'cross-site' }, body: JSON.stringify({ token: adminToken() }) });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });

  it('signs in with an HttpOnly SameSite=Strict cookie that holds no token, and reads the session back', async () => {
    const { cookie, csrf, body, setCookie } = await signIn(adminToken());
    expect(setCookie).toMatch(/^handover_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    expect(setCookie).not.toContain(adminToken());
    expect(body).toMatchObject({ principalId: 'bootstrap-admin', role: 'admin' });
    expect(JSON.stringify(body)).not.toContain(adminToken());
    const current = await fetch(url('/auth/session'), { headers: { cookie } });
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('no-store');
    expect(await current.json()).toMatchObject({ role: 'admin', csrfToken: csrf });
    expect((await fetch(url('/auth/session'))).status).toBe(401);
    expect((await fetch(url('/auth/session'), { headers: { cookie: 'handover_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);
  });

  it('reads with the cookie alone, refuses a state change without the CSRF header (403) and performs it with it', async () => {
    const { cookie, csrf } = await signIn(adminToken());
    expect((await fetch(url('/v1/cases?limit=1'), { headers: { cookie } })).status).toBe(200);
    const body = JSON.stringify({ name: `console-session-${stamp}` });
    const without = await fetch(url('/v1/teams'), { method: 'POST', headers: { ...json, cookie }, body });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { code: string }).code).toBe('CSRF_INVALID');
    const wrong = await fetch(url('/v1/teams'), { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': `${csrf}x` }, body });
    expect(wrong.status).toBe(403);
    const withCsrf = await fetch(url('/v1/teams'), { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrf }, body });
    expect(withCsrf.status).toBe(201);
  });

  it("applies the key's role and team, records the sign-in on the audit trail, and ends the session when the key is revoked", async () => {
    const created = await fetch(url('/v1/keys'), { method: 'POST', headers: admin, body: JSON.stringify({ name: `console-auditor-${stamp}`, role: 'auditor', team: 'default' }) });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; token: string };
    const { cookie, csrf, body } = await signIn(key.token);
    expect(body).toMatchObject({ principalId: key.id, role: 'auditor', team: 'default' });
    expect((await fetch(url('/v1/cases?limit=1'), { headers: { cookie } })).status).toBe(200);
    const forbidden = await fetch(url('/v1/teams'), { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name: `nope-${stamp}` }) });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { code: string }).code).toBe('FORBIDDEN');

    const events: Array<{ action: string }> = [];
    for (let after: number | null = 0; after !== null; ) {
      const page = (await (await fetch(url(`/v1/cases/global/audit?limit=1000&after=${after}`), { headers: admin })).json()) as { events: Array<{ action: string }>; next: number | null };
      events.push(...page.events);
      after = page.next;
    }
    expect(events.some((event) => event.action === 'session.created' && JSON.stringify(event).includes(key.id))).toBe(true);

    expect((await fetch(url(`/v1/keys/${key.id}`), { method: 'DELETE', headers: admin })).status).toBe(204);
    expect((await fetch(url('/v1/cases?limit=1'), { headers: { cookie } })).status).toBe(401);
    expect((await fetch(url('/auth/session'), { headers: { cookie } })).status).toBe(401);
  });

  it('logs out only with the CSRF header, clears the cookie, and the session is gone', async () => {
    const { cookie, csrf } = await signIn(adminToken());
    expect((await fetch(url('/auth/logout'), { method: 'POST', headers: { cookie } })).status).toBe(403);
    const out = await fetch(url('/auth/logout'), { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^handover_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await fetch(url('/auth/session'), { headers: { cookie } })).status).toBe(401);
    expect((await fetch(url('/v1/cases?limit=1'), { headers: { cookie } })).status).toBe(401);
  });
});
