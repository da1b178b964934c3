import { adminToken, testEnv, waitUntil } from '@handover/testing';
import { allowedRoles } from '../../services/admin-api/src/auth/access-matrix';
import { ROLES, type Role } from '../../services/admin-api/src/auth/roles';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The access matrix against the running admin API's own OpenAPI document: every /v1 operation
 * answers 401 without a token and 403 to each role outside its matrix entry; roles inside it get
 * past authorisation (any answer but 401/403, and never a 500, with dummy ids and `{}` bodies).
 */
describe('access matrix over every OpenAPI /v1 operation', () => {
  const env = testEnv();
  const admin = adminToken();
  const tokens = new Map<Role, { id: string; token: string }>();
  let operations: Array<{ method: string; path: string }> = [];

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const concrete = (template: string): string => template.replace(/\{([^}]+)\}/g, (_m, name: string) => `dummy-${name}`);
  const send = (op: { method: string; path: string }, token?: string) =>
    call(op.method.toUpperCase(), concrete(op.path), token, op.method === 'get' || op.method === 'delete' ? undefined : {});

  beforeAll(async () => {
    const doc = (await (await fetch(`${env.adminUrl}/docs-json`)).json()) as OpenApiDocument;
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) => METHODS.filter((m) => item[m] !== undefined).map((method) => ({ method, path })));
    for (const role of ROLES) {
      const res = await call('POST', '/v1/keys', admin, { name: `matrix-e2e-${role}`, role });
      expect(res.status).toBe(201);
      tokens.set(role, (await res.json()) as { id: string; token: string });
    }
  });

  afterAll(async () => {
    for (const { id } of tokens.values()) await call('DELETE', `/v1/keys/${id}`, admin);
  });

  const tokenOf = (role: Role): string => {
    const key = tokens.get(role);
    if (!key) throw new Error(`no key for ${role}`);
    return key.token;
  };

  it('finds the operations of API.md in the OpenAPI document', () => {
    const keys = operations.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(keys).toEqual(expect.arrayContaining([
      'POST /v1/keys', 'GET /v1/keys', 'DELETE /v1/keys/{id}', 'POST /v1/cases', 'GET /v1/cases/{id}', 'POST /v1/cases/{id}/start',
      'POST /v1/cases/{id}/gates/{gate}/approve', 'GET /v1/cases/{id}/audit', 'GET /v1/cases/{id}/audit/verify',
    ]));
  });

  it('has a matrix entry for every /v1 operation', () => {
    const missing = operations.filter((op) => allowedRoles(op.method, op.path) === undefined).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(missing).toEqual([]);
  });

  it('answers 401 to every /v1 operation without a token, or with an unknown key', async () => {
    const failures: string[] = [];
    const unknown = `hov_${'A'.repeat(43)}`;
    for (const op of operations) {
      for (const token of [undefined, unknown]) {
        const res = await send(op, token);
        const body = (await res.json().catch(() => ({}))) as { code?: string };
        if (res.status !== 401 || body.code !== 'UNAUTHENTICATED') failures.push(`${op.method} ${op.path} ${token ? 'unknown key' : 'no token'} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role outside the entry, and lets every role inside it through', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const allowed = allowedRoles(op.method, op.path) ?? ['admin'];
      for (const role of ROLES) {
        const res = await send(op, tokenOf(role));
        const ok = allowed.includes(role) ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === 403;
        if (!ok) failures.push(`${role} ${op.method.toUpperCase()} ${op.path} → ${res.status} (allowed: ${allowed.join(', ')})`);
        if (res.status === 403) expect(await res.json()).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: `role ${role} may not do this` });
        else await res.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('lets an auditor read a case and its audit trail, but not open, start or approve', async () => {
    const opened = await call('POST', '/v1/cases', tokenOf('case-manager'), {
      kind: 'merger',
      transferor: { name: '审计测试有限公司', contact: '010-87654321' },
      manager: { name: '审计员甲', email: `auditor.e2e.${Date.now()}@example.cn` },
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const auditor = tokenOf('auditor');

    expect((await call('GET', `/v1/cases/${id}`, auditor)).status).toBe(200);
    const trail = await call('GET', `/v1/cases/${id}/audit`, auditor);
    expect(trail.status).toBe(200);
    expect(((await trail.json()) as { events: Array<{ action: string }> }).events.map((e) => e.action)).toEqual(['case.opened']);
    expect(await (await call('GET', `/v1/cases/${id}/audit/verify`, auditor)).json()).toEqual({ valid: true, events: 1 });

    expect((await call('POST', '/v1/cases', auditor, { kind: 'merger' })).status).toBe(403);
    expect((await call('POST', `/v1/cases/${id}/start`, auditor)).status).toBe(403);
    expect((await call('POST', `/v1/cases/${id}/gates/inventory/approve`, auditor, {})).status).toBe(403);
    const after = (await (await call('GET', `/v1/cases/${id}`, auditor)).json()) as { status: string };
    expect(after.status).toBe('draft');
  });
});

describe('API keys', () => {
  const env = testEnv();
  const admin = adminToken();
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('creates a key shown once, lists it without its token, records its use and revokes it', async () => {
    const created = await call('POST', '/v1/keys', admin, { name: 'lifecycle-e2e', role: 'case-manager' });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^hov_[A-Za-z0-9_-]{43}$/);
    expect(id).toMatch(/^key_/);

    expect((await call('GET', '/v1/cases/nonexistent', token)).status).toBe(404);
    const listed = await waitUntil(
      async () => (await (await call('GET', '/v1/keys', admin)).json()) as Array<Record<string, unknown>>,
      (keys) => keys.some((k) => k['id'] === id && typeof k['lastUsedAt'] === 'string'),
      10_000,
      'lastUsedAt of the new key',
    );
    const mine = listed.find((k) => k['id'] === id);
    expect(mine).toMatchObject({ name: 'lifecycle-e2e', role: 'case-manager', createdAt: expect.any(String) });
    expect(Object.keys(mine!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'role']);
    expect(JSON.stringify(listed)).not.toContain(token);

    expect((await call('GET', '/v1/keys', token)).status).toBe(403);
    expect((await call('POST', '/v1/keys', token, { name: 'escalate', role: 'admin' })).status).toBe(403);

    expect((await call('DELETE', `/v1/keys/${id}`, admin)).status).toBe(204);
    await waitUntil(async () => (await call('GET', '/v1/cases/nonexistent', token)).status, (s) => s === 401, 6_000, 'revoked key refused');
    expect((await call('DELETE', `/v1/keys/${id}`, admin)).status).toBe(204);
    const revoked = ((await (await call('GET', '/v1/keys', admin)).json()) as Array<Record<string, unknown>>).find((k) => k['id'] === id);
    expect(revoked?.['revokedAt']).toEqual(expect.any(String));

    const actions: string[] = [];
    for (let after = 0; ; ) {
      const page = (await (await call('GET', `/v1/cases/global/audit?after=${after}&limit=1000`, admin)).json()) as {
        events: Array<{ action: string; subject: { id: string } }>;
        next: number | null;
      };
      actions.push(...page.events.filter((e) => e.subject.id === id).map((e) => e.action));
      if (page.next === null) break;
      after = page.next;
    }
    expect(actions).toEqual(['key.created', 'key.revoked']);
  }, 30_000);

  it('rejects an unknown role or unknown fields (400) and an unknown key id (404) without echoing input', async () => {
    const bad = await call('POST', '/v1/keys', admin, { name: 'x', role: 'root', extra: 'someone@example.cn' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { fields: Array<{ field: string }> };
    expect(body.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['role', 'extra']));
    expect(JSON.stringify(body)).not.toContain('someone@example.cn');
    const missing = await call('DELETE', '/v1/keys/someone@example.cn', admin);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('someone@example.cn');
  });
});
