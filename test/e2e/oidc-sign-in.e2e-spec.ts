import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, testEnv, waitUntil } from '@handover/testing';
import { HttpAgent, signInAtProvider } from './oidc/oidc-fixture';
import { PASSWORD, startOidcStack, type OidcStack } from './oidc/oidc-stack';

/**
 * Issue 15, must show 2 (HTTP part): people sign in through a real OpenID provider that the test
 * starts (oidc-provider, its own login and consent forms), authorization code + PKCE; the role and
 * team of the session come from the provider's claims; another team's case is then a 404. And the
 * CLI's session: `handover login` without a token runs the device flow against the same provider.
 */
describe('OpenID Connect sign-in (/auth/login, /auth/callback)', () => {
  let stack: OidcStack;

  beforeAll(async () => {
    stack = await startOidcStack('e2e');
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const isCallback = (url: URL) => url.pathname === '/auth/callback';

  /** /auth/login → the provider's forms → the callback URL the provider sends the browser to (not yet requested). */
  async function toCallback(agent: HttpAgent, username: string): Promise<string> {
    const login = await agent.request(`${stack.api.url}/auth/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.origin).toBe(stack.provider.url);
    const reached = await signInAtProvider(agent, await agent.follow(authorize.href), { username, password: PASSWORD }, isCallback);
    if (reached.res) throw new Error(`the provider did not send the browser back: ${reached.url} ${reached.res.status} ${(await reached.res.text()).slice(0, 300)}`);
    return reached.url;
  }

  it('says which sign-in methods there are: OpenID here, tokens only on the stack without it', async () => {
    expect(await (await fetch(`${stack.api.url}/auth/methods`)).json()).toEqual({ token: true, oidc: true });
    expect(await (await fetch(`${testEnv().adminUrl}/auth/methods`)).json()).toEqual({ token: true, oidc: false });
    const unconfigured = await fetch(`${testEnv().adminUrl}/auth/login`, { redirect: 'manual' });
    expect(unconfigured.status).toBe(404);
    expect(((await unconfigured.json()) as { code: string }).code).toBe('OIDC_NOT_CONFIGURED');
  });

  it('sends the browser to the provider with PKCE, state and nonce, keeping them on the server', async () => {
    const agent = new HttpAgent();
    const login = await agent.request(`${stack.api.url}/auth/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(param)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^handover_oidc=[A-Za-z0-9_-]{43}; Path=\/auth\/callback; HttpOnly; SameSite=Lax; Max-Age=600$/);
    for (const param of ['state', 'nonce', 'code_challenge']) expect(setCookie).not.toContain(authorize.searchParams.get(param));
  });

  it('signs a case manager in: role and team from the claims, the own team\'s case readable, the other team\'s a 404', async () => {
    const agent = new HttpAgent();
    const callback = await toCallback(agent, 'manager');
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();
    const back = await agent.request(callback);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/console/');
    expect(back.headers.getSetCookie().join('\n')).toMatch(/handover_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    expect(agent.cookie(stack.api.url, 'handover_oidc')).toBeUndefined();

    const session = await agent.request(`${stack.api.url}/auth/session`, { accept: 'application/json' });
    expect(session.status).toBe(200);
    const body = (await session.json()) as { principalId: string; role: string; team: string; csrfToken: string };
    expect(body).toMatchObject({ role: 'case-manager', team: stack.teams.own.id });
    expect(body.principalId).toMatch(/^oidc_[A-Za-z0-9_-]{22}$/);
    expect(body.principalId).not.toContain('manager');

    expect((await agent.request(`${stack.api.url}/v1/cases/${stack.cases.own}`, { accept: 'application/json' })).status).toBe(200);
    const other = await agent.request(`${stack.api.url}/v1/cases/${stack.cases.other}`, { accept: 'application/json' });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { code: string }).code).toBe('NOT_FOUND');
    // State-changing calls with the cookie need the session's CSRF token, as for a token sign-in.
    expect((await agent.request(`${stack.api.url}/auth/logout`, { method: 'POST', accept: 'application/json' })).status).toBe(403);

    // The same callback again (a replayed code, the sign-in already used): refused, no session.
    const replay = await agent.request(callback, { accept: 'application/json' });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { code: string }).code).toBe('OIDC_LOGIN_EXPIRED');

    const logout = await fetch(`${stack.api.url}/auth/logout`, { method: 'POST', headers: { cookie: `handover_session=${agent.cookie(stack.api.url, 'handover_session')}`, 'x-csrf-token': body.csrfToken } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${stack.api.url}/auth/session`, { headers: { cookie: `handover_session=${agent.cookie(stack.api.url, 'handover_session')}` } })).status).toBe(401);
  });

  it('accepts a team claim that names the team, and an admin without a team', async () => {
    for (const [username, expected] of [['named', { role: 'case-manager', team: stack.teams.own.id }], ['admin', { role: 'admin' }]] as const) {
      const agent = new HttpAgent();
      expect((await agent.request(await toCallback(agent, username))).status).toBe(302);
      const session = (await (await agent.request(`${stack.api.url}/auth/session`, { accept: 'application/json' })).json()) as Record<string, unknown>;
      expect(session).toMatchObject(expected);
      if (username === 'admin') expect(session['team']).toBeUndefined();
    }
  });

  it('refuses an unknown role or team with a clear code and no session; a browser is sent back to the sign-in page', async () => {
    for (const [username, code] of [['stranger', 'OIDC_ROLE_UNKNOWN'], ['lost', 'OIDC_TEAM_UNKNOWN']] as const) {
      const agent = new HttpAgent();
      const refused = await agent.request(await toCallback(agent, username), { accept: 'application/json' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ statusCode: 403, code });
      expect(refused.headers.getSetCookie().join('\n')).not.toContain('handover_session=');
      expect((await agent.request(`${stack.api.url}/auth/session`, { accept: 'application/json' })).status).toBe(401);
    }
    const browser = new HttpAgent();
    const shown = await browser.request(await toCallback(browser, 'stranger'));
    expect(shown.status).toBe(302);
    expect(shown.headers.get('location')).toBe('/console/?signInError=OIDC_ROLE_UNKNOWN');
  });

  it('refuses an answer whose state is not the one it sent (401), and a callback without its sign-in cookie (400)', async () => {
    const agent = new HttpAgent();
    const callback = new URL(await toCallback(agent, 'manager'));
    callback.searchParams.set('state', 'x'.repeat(43));
    const forged = await agent.request(callback.href, { accept: 'application/json' });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('OIDC_LOGIN_FAILED');

    const victim = new HttpAgent();
    const stolen = await toCallback(victim, 'manager');
    const elsewhere = await new HttpAgent().request(stolen, { accept: 'application/json' });
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { code: string }).code).toBe('OIDC_LOGIN_EXPIRED');
  });

  it('signs the CLI in with the device flow: the key lands in a 0600 file with the claims\' role and team, and reaches only its team', async () => {
    const work = mkdtempSync(join(tmpdir(), 'handover-oidc-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HANDOVER_CONFIG_DIR: join(work, 'config'), LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    delete env['HANDOVER_TOKEN'];
    delete env['HANDOVER_API_URL'];
    const children: ChildProcess[] = [];
    const handover = (...args: string[]) => {
      const child = spawn('npx', ['handover', ...args], { cwd: join(__dirname, '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
      const run = { stdout: '', stderr: '', code: undefined as number | null | undefined };
      child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
      const exited = new Promise<typeof run>((resolve) => child.on('close', (code) => resolve(Object.assign(run, { code }))));
      children.push(child);
      return { run, exited };
    };
    try {
      const login = handover('--json', 'login', '--api-url', stack.api.url);
      const prompt = await waitUntil(
        async () => /open (\S+) in a browser and enter the code (\S+)/.exec(login.run.stderr) ?? (login.run.code !== undefined ? login.run.stderr : null),
        (found) => found !== null,
        60_000,
        'the CLI to print the verification URL and code',
        200,
      );
      if (!Array.isArray(prompt)) throw new Error(`handover login ended early: ${String(prompt)}`);
      const [, verificationUrl = '', userCode = ''] = prompt;
      expect(new URL(verificationUrl).origin).toBe(stack.provider.url);

      // A person opens the URL in a browser, enters the code, signs in and allows.
      const agent = new HttpAgent();
      const codePage = await agent.follow(verificationUrl);
      const afterCode = await agent.submit(codePage.url, (await codePage.res?.text()) ?? '', { user_code: userCode });
      const done = await signInAtProvider(agent, afterCode, { username: 'manager', password: PASSWORD }, () => false);
      expect(done.html).toContain('Device signed in');

      const finished = await login.exited;
      expect({ code: finished.code, stderr: finished.stderr }).toMatchObject({ code: 0 });
      const saved = JSON.parse(finished.stdout) as { path: string; keyId: string; role: string; team: string; expiresAt: string };
      expect(saved).toMatchObject({ role: 'case-manager', team: stack.teams.own.id });
      expect(saved.keyId).toMatch(/^key_/);
      expect(Date.parse(saved.expiresAt) - Date.now()).toBeGreaterThan(11 * 3_600_000);
      expect(statSync(saved.path).mode & 0o777).toBe(0o600);

      // Later commands use the stored key: the own team's case answers, the other team's is not found (exit 2).
      const own = await handover('--json', 'cases', 'status', stack.cases.own).exited;
      expect({ code: own.code, stderr: own.stderr }).toMatchObject({ code: 0 });
      const other = await handover('cases', 'status', stack.cases.other).exited;
      expect(other.code).toBe(2);
      expect(other.stderr).toContain('NOT_FOUND');
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps API keys for scripts, with an expiry from the CLI (keys create --team --expires-at)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, HANDOVER_API_URL: testEnv().adminUrl, HANDOVER_TOKEN: adminToken(), LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn('npx', ['handover', '--json', ...args], { cwd: join(__dirname, '..', '..'), env, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await run('keys', 'create', '--name', `script-${Date.now()}`, '--role', 'auditor', '--team', stack.teams.own.id, '--expires-at', expiresAt);
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const listed = JSON.parse((await run('keys', 'list')).stdout) as Array<{ id: string; team?: string; expiresAt?: string }>;
    expect(listed.find((key) => key.id === id)).toMatchObject({ team: stack.teams.own.id, expiresAt });
    expect((await run('keys', 'create', '--name', 'late', '--role', 'auditor', '--team', stack.teams.own.id, '--expires-at', '2020-01-01T00:00:00Z')).code).toBe(2);
  }, 60_000);
});
