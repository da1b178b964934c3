import { adminToken, CHINESE_HEADER, gbkCsv, testEnv, waitUntil } from '@handover/testing';
import { allowedRoles } from '../../services/admin-api/src/auth/access-matrix';
import { ROLES, type Role } from '../../services/admin-api/src/auth/roles';

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { enum?: string[]; $ref?: string };
  example?: unknown;
}
interface OpenApiSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
  security?: unknown[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What a case-bound operation names, and where: the guard resolves it to a case and its team. */
type Kind = 'case' | 'audit-trail' | 'request' | 'incident';
interface Binding {
  kind: Kind;
  where: 'path' | 'query' | 'body';
}
interface Operation {
  method: string;
  path: string;
  key: string;
  op: OpenApiOperation;
  binding: Binding | null;
}

/**
 * Operations that name no case (nor anything that resolves to one): keys and teams (admin), opening
 * a case (the team comes from the caller), the Temporal remote codec. Every other operation of the
 * document must be case-bound, or the coverage test fails: a new operation is either wired to the
 * team check or listed here on purpose.
 */
const NOT_CASE_BOUND = new Set([
  'POST /v1/keys', 'GET /v1/keys', 'DELETE /v1/keys/{id}', 'POST /v1/teams', 'GET /v1/teams', 'POST /v1/cases', 'GET /v1/cases',
  'POST /codec/decode', 'POST /codec/encode', 'POST /codec/session', 'GET /v1/audit/public-key',
  // Acts on the matching requests of the caller's teams only (test/e2e/requests-bulk.e2e-spec.ts: another team's key matches none).
  'POST /v1/requests/bulk',
  // The installation's master keys (admin only): every case's key is re-wrapped, no case is named.
  'GET /v1/keys/master', 'POST /v1/keys/master/rotate',
]);

/**
 * Operations without a bearer token: health, and the console's session sign-in, its read and its
 * logout (they take the token in the body or the session cookie; test/e2e/console-session.e2e-spec.ts).
 */
const isPublic = (path: string): boolean => path === '/health' || path.startsWith('/health/') || path.startsWith('/auth/');

/** Classifies an operation from the document alone: a case id in the path, or `caseId` in the query or the body. */
function bindingOf(doc: OpenApiDocument, path: string, op: OpenApiOperation): Binding | null {
  if (path.startsWith('/v1/cases/{id}/audit')) return { kind: 'audit-trail', where: 'path' };
  if (path.startsWith('/v1/cases/{id}')) return { kind: 'case', where: 'path' };
  if (path.startsWith('/v1/requests/{id}')) return { kind: 'request', where: 'path' };
  if (path.startsWith('/v1/incidents/{id}')) return { kind: 'incident', where: 'path' };
  if ((op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'caseId')) return { kind: 'case', where: 'query' };
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const resolved = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
  if (resolved?.properties && 'caseId' in resolved.properties) return { kind: 'case', where: 'body' };
  return null;
}

/**
 * Issue 15, Must show 1: the access test generated from the running admin API's OpenAPI document.
 * Two teams; a key of every role in each. Every operation is called by every key: a role outside
 * the matrix entry gets 403; a role inside it gets past authorisation (not 401/403, never a 500).
 * For case-bound operations (a case id in the path, or an id that resolves to a case: request,
 * incident, audit trail, import, package file; or `caseId` in the query or body) the subjects are
 * real and belong to team A: team A's keys get what the matrix allows and never 404, team B's keys
 * of an allowed role get 404 with the very body a missing subject gets; admin spans teams.
 */
describe('access over every OpenAPI operation, per role and per team', () => {
  const env = testEnv();
  const admin = adminToken();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const keys = { A: new Map<Role, { id: string; token: string }>(), B: new Map<Role, { id: string; token: string }>() };
  const teams = { A: '', B: '' };
  const fx = { caseId: '', importId: '', requestId: '', customerRef: '', incidentWithCase: '', incidentWithoutCase: '' };
  let doc: OpenApiDocument = { paths: {} };
  let operations: Operation[] = [];
  const unclassified: string[] = [];

  const call = (method: string, path: string, token?: string, body?: unknown, type = 'application/json') =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': type, ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
  const tokenOf = (team: 'A' | 'B', role: Role): string => {
    const key = keys[team].get(role);
    if (!key) throw new Error(`no key for ${team} ${role}`);
    return key.token;
  };

  /** The real subjects of team A for a binding kind, and a missing one of the same shape. */
  const subjects = (kind: Kind): string[] => {
    switch (kind) {
      case 'case': return [fx.caseId];
      case 'audit-trail': return [fx.caseId, `incident:${fx.incidentWithoutCase}`];
      case 'request': return [fx.requestId];
      case 'incident': return [fx.incidentWithCase, fx.incidentWithoutCase];
    }
  };
  const missing = (subject: string): string => subject.replace(/(_)[A-Za-z0-9_-]+$/, '$1missing0000000000000000');

  /** Path parameters other than the subject: fixtures by name, else the document's example or first enum value. */
  const paramValue = (param: OpenApiParameter): string => {
    if (param.name === 'importId') return fx.importId;
    if (param.name === 'ref') return fx.customerRef;
    if (param.name === 'gate') return 'closure';
    if (param.example !== undefined) return String(param.example);
    const first = param.schema?.enum?.[0];
    if (first !== undefined) return first;
    return `dummy-${param.name}`;
  };

  const request = (o: Operation, subject: string | undefined) => {
    let path = o.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      if (name === 'id' && subject !== undefined && o.binding?.where === 'path') return encodeURIComponent(subject);
      const param = (o.op.parameters ?? []).find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' };
      return encodeURIComponent(paramValue(param));
    });
    if (o.binding?.where === 'query' && subject !== undefined) path += `?caseId=${encodeURIComponent(subject)}`;
    const hasBody = o.method !== 'get' && o.method !== 'delete';
    const body = !hasBody ? undefined : o.binding?.where === 'body' && subject !== undefined ? { caseId: subject } : {};
    return { method: o.method.toUpperCase(), path, body };
  };
  const send = async (o: Operation, token: string | undefined, subject?: string) => {
    const r = request(o, subject);
    const res = await call(r.method, r.path, token, r.body);
    const text = await res.text();
    return { status: res.status, text };
  };

  beforeAll(async () => {
    doc = (await (await fetch(`${env.adminUrl}/docs-json`)).json()) as OpenApiDocument;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m] !== undefined).flatMap((method) => {
        const op = item[method] as OpenApiOperation;
        const key = `${method.toUpperCase()} ${path}`;
        const binding = bindingOf(doc, path, op);
        if (binding === null && !NOT_CASE_BOUND.has(key) && !isPublic(path)) unclassified.push(key);
        return [{ method, path, key, op, binding }];
      }),
    );

    for (const team of ['A', 'B'] as const) {
      const res = await call('POST', '/v1/teams', admin, { name: `access-e2e-${team}-${stamp}` });
      expect(res.status).toBe(201);
      teams[team] = ((await res.json()) as { id: string }).id;
      for (const role of ROLES) {
        const key = await call('POST', '/v1/keys', admin, { name: `access-e2e-${team}-${role}`, role, team: teams[team] });
        expect(key.status).toBe(201);
        keys[team].set(role, (await key.json()) as { id: string; token: string });
      }
    }

    // Team A's case, opened by its manager (the case takes the caller's team), with an import, started.
    const manager = tokenOf('A', 'case-manager');
    const opened = await call('POST', '/v1/cases', manager, {
      kind: 'merger',
      transferor: { name: '团队测试有限公司', contact: '010-87654321' },
      manager: { name: '团队经理', email: `team.a.${stamp}@example.cn` },
    });
    expect(opened.status).toBe(201);
    fx.caseId = ((await opened.json()) as { id: string }).id;
    const rows = [0, 1].map((i) => [`T${stamp}-${i}`, '个人', `顾客${i}`, `team.${stamp}.${i}@example.cn`, `139${String(30_000_000 + i).slice(-8)}`, '', '', `地址${i}`, '金饰', '', '', '', '']);
    const uploaded = await call('POST', `/v1/cases/${fx.caseId}/inventory`, manager, gbkCsv([CHINESE_HEADER, ...rows]), 'text/csv');
    expect(uploaded.status).toBe(202);
    fx.importId = ((await uploaded.json()) as { importId: string }).importId;
    await waitUntil(
      async () => (await call('GET', `/v1/cases/${fx.caseId}/piia`, manager)).status,
      (status) => status === 200,
      60_000,
      'import done and impact assessment drafted',
    );
    expect((await call('POST', `/v1/cases/${fx.caseId}/start`, manager)).status).toBe(202);
    const filed = await call('POST', '/v1/requests', manager, { caseId: fx.caseId, customerId: `T${stamp}-0`, type: 'access' });
    expect(filed.status).toBe(201);
    fx.requestId = ((await filed.json()) as { id: string }).id;
    fx.customerRef = ((await (await call('GET', `/v1/requests/${fx.requestId}`, manager)).json()) as { customerRef: string }).customerRef;
    expect(fx.customerRef).toMatch(/^[0-9a-f]{16,64}$/);

    // Incidents: one on the case, one without a case (it belongs to its opener's team, A).
    const responder = tokenOf('A', 'incident-responder');
    const incident = (body: Record<string, unknown>) =>
      call('POST', '/v1/incidents', responder, { title: '团队访问测试', detectedAt: new Date().toISOString(), categories: ['all'], drill: true, ...body });
    const withCase = await incident({ caseId: fx.caseId });
    expect(withCase.status).toBe(201);
    fx.incidentWithCase = ((await withCase.json()) as { id: string }).id;
    const withoutCase = await incident({ affectedEstimate: 10 });
    expect(withoutCase.status).toBe(201);
    fx.incidentWithoutCase = ((await withoutCase.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    for (const team of [keys.A, keys.B]) for (const { id } of team.values()) await call('DELETE', `/v1/keys/${id}`, admin);
  });

  it('finds the operations of docs/api.md in the OpenAPI document', () => {
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining([
      'POST /v1/keys', 'GET /v1/keys', 'DELETE /v1/keys/{id}', 'POST /v1/teams', 'GET /v1/teams', 'POST /v1/cases', 'GET /v1/cases', 'GET /v1/cases/{id}',
      'POST /v1/cases/{id}/start', 'POST /v1/cases/{id}/gates/{gate}/approve', 'GET /v1/cases/{id}/audit', 'GET /v1/cases/{id}/audit/verify',
      'GET /v1/requests/{id}', 'POST /v1/requests', 'GET /v1/requests', 'GET /v1/incidents/{id}', 'POST /v1/incidents',
    ]));
  });

  it('covers 100% of the operations: each is case-bound (tested per team) or deliberately not, and has a matrix entry', () => {
    expect(unclassified).toEqual([]);
    const protectedOps = operations.filter((o) => !isPublic(o.path));
    expect(protectedOps.filter((o) => allowedRoles(o.method, o.path) === undefined).map((o) => o.key)).toEqual([]);
    const bound = protectedOps.filter((o) => o.binding !== null).map((o) => o.key);
    const unbound = protectedOps.filter((o) => o.binding === null).map((o) => o.key);
    expect(bound.length + unbound.length).toBe(protectedOps.length);
    expect(unbound.every((key) => NOT_CASE_BOUND.has(key))).toBe(true);
    expect(bound).toEqual(expect.arrayContaining(['GET /v1/cases/{id}', 'GET /v1/requests/{id}', 'POST /v1/requests', 'GET /v1/requests', 'POST /v1/incidents']));
  });

  it('answers 401 to every protected operation without a token, or with an unknown key', async () => {
    const failures: string[] = [];
    const unknown = `hov_${'A'.repeat(43)}`;
    for (const o of operations.filter((x) => !isPublic(x.path))) {
      for (const token of [undefined, unknown]) {
        const res = await send(o, token, o.binding ? subjects(o.binding.kind)[0] : undefined);
        const code = (JSON.parse(res.text || '{}') as { code?: string }).code;
        if (res.status !== 401 || code !== 'UNAUTHENTICATED') failures.push(`${o.key} ${token ? 'unknown key' : 'no token'} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('gives each role of the same team what the matrix allows, and another team 404 exactly as for a missing subject', async () => {
    const failures: string[] = [];
    let checked = 0;
    const through = (status: number): boolean => status !== 401 && status !== 403 && status !== 404 && status < 500;
    for (const o of operations.filter((x) => !isPublic(x.path))) {
      const allowed = allowedRoles(o.method, o.path) ?? ['admin'];
      for (const subject of o.binding ? subjects(o.binding.kind) : [undefined]) {
        for (const role of ROLES) {
          const label = `${role} ${o.key}${subject ? ` [${subject.split('_')[0]}]` : ''}`;
          const mine = await send(o, tokenOf('A', role), subject);
          const theirs = await send(o, tokenOf('B', role), subject);
          checked += 1;
          if (!allowed.includes(role)) {
            const forbidden = JSON.stringify({ statusCode: 403, code: 'FORBIDDEN', message: `role ${role} may not do this` });
            if (mine.status !== 403 || mine.text !== forbidden) failures.push(`${label} same team → ${mine.status} (expected 403)`);
            if (theirs.status !== 403 || theirs.text !== forbidden) failures.push(`${label} other team → ${theirs.status} (expected 403)`);
            continue;
          }
          if (!o.binding) {
            // Not case-bound: authorisation only (dummy ids may well be 404 here).
            for (const [who, res] of [['team A', mine], ['team B', theirs]] as const) {
              if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${label} ${who} → ${res.status}`);
            }
            continue;
          }
          if (!through(mine.status)) failures.push(`${label} same team → ${mine.status} ${mine.text.slice(0, 120)}`);
          if (role === 'admin') {
            if (!through(theirs.status)) failures.push(`${label} admin of another team → ${theirs.status} (admin spans teams)`);
            continue;
          }
          const absent = missing(subject as string);
          const none = await send(o, tokenOf('B', role), absent);
          const same = theirs.text.split(subject as string).join('{subject}') === none.text.split(absent).join('{subject}');
          if (theirs.status !== 404 || none.status !== 404 || !same) {
            failures.push(`${label} other team → ${theirs.status} ${theirs.text.slice(0, 120)}; missing → ${none.status} ${none.text.slice(0, 120)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 240_000);

  it("opens a case in the caller's team; only an admin may name another team, and an unknown team is a 400 naming the field", async () => {
    const body = (team?: string) => ({
      kind: 'merger',
      transferor: { name: '团队选择有限公司', contact: '010-12341234' },
      manager: { name: '经理', email: `team.pick.${stamp}@example.cn` },
      ...(team !== undefined && { team }),
    });
    const foreign = await call('POST', '/v1/cases', tokenOf('A', 'case-manager'), body(teams.B));
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(['team']);
    const unknown = await call('POST', '/v1/cases', admin, body('tm_doesnotexist000000'));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(['team']);

    const forB = await call('POST', '/v1/cases', admin, body(teams.B));
    expect(forB.status).toBe(201);
    const caseB = ((await forB.json()) as { id: string }).id;
    expect((await call('GET', `/v1/cases/${caseB}`, tokenOf('B', 'auditor'))).status).toBe(200);
    expect((await call('GET', `/v1/cases/${caseB}`, tokenOf('A', 'auditor'))).status).toBe(404);
    expect((await call('GET', `/v1/cases/${caseB}/audit`, tokenOf('A', 'auditor'))).status).toBe(404);
    expect((await call('GET', `/v1/cases/${caseB}/audit`, tokenOf('B', 'auditor'))).status).toBe(200);

    const byAdmin = await call('POST', '/v1/cases', admin, body());
    expect(byAdmin.status).toBe(201);
    const defaultCase = ((await byAdmin.json()) as { id: string }).id;
    expect((await call('GET', `/v1/cases/${defaultCase}`, tokenOf('A', 'case-manager'))).status).toBe(404);
  });
});

describe('teams and API keys', () => {
  const env = testEnv();
  const admin = adminToken();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const fieldsOf = async (res: Response): Promise<string[]> => ((await res.json()) as { fields?: Array<{ field: string }> }).fields?.map((f) => f.field) ?? [];

  it('creates teams (admin only), lists them, and refuses a duplicate name or an empty one', async () => {
    const created = await call('POST', '/v1/teams', admin, { name: `teams-e2e-${stamp}` });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^tm_/);
    expect((await call('POST', '/v1/teams', admin, { name: `teams-e2e-${stamp}` })).status).toBe(409);
    const empty = await call('POST', '/v1/teams', admin, { name: '' });
    expect(empty.status).toBe(400);
    expect(await fieldsOf(empty)).toEqual(['name']);
    const listed = (await (await call('GET', '/v1/teams', admin)).json()) as Array<{ id: string; name: string }>;
    expect(listed).toEqual(expect.arrayContaining([{ id, name: `teams-e2e-${stamp}`, createdAt: expect.any(String) }, expect.objectContaining({ id: 'default' })]));

    const key = await call('POST', '/v1/keys', admin, { name: 'teams-e2e-auditor', role: 'auditor', team: id });
    expect(key.status).toBe(201);
    const auditor = (await key.json()) as { id: string; token: string };
    try {
      expect((await call('POST', '/v1/teams', auditor.token, { name: `x-${stamp}` })).status).toBe(403);
      expect(((await (await call('GET', '/v1/teams', auditor.token)).json()) as Array<{ id: string }>).map((t) => t.id)).toEqual([id]);
    } finally {
      await call('DELETE', `/v1/keys/${auditor.id}`, admin);
    }
  });

  it('requires an existing team for every non-admin key (400 naming team), and none for an admin key', async () => {
    for (const role of ['case-manager', 'incident-responder', 'auditor']) {
      const none = await call('POST', '/v1/keys', admin, { name: 'no-team', role });
      expect({ role, status: none.status, fields: await fieldsOf(none) }).toEqual({ role, status: 400, fields: ['team'] });
      const unknown = await call('POST', '/v1/keys', admin, { name: 'unknown-team', role, team: 'tm_doesnotexist000000' });
      expect({ role, status: unknown.status, fields: await fieldsOf(unknown) }).toEqual({ role, status: 400, fields: ['team'] });
    }
    const adminKey = await call('POST', '/v1/keys', admin, { name: 'teamless-admin', role: 'admin' });
    expect(adminKey.status).toBe(201);
    await call('DELETE', `/v1/keys/${((await adminKey.json()) as { id: string }).id}`, admin);
  });

  it('refuses a key after its expiry, and an expiry in the past (400 naming expiresAt)', async () => {
    const past = await call('POST', '/v1/keys', admin, { name: 'expired', role: 'auditor', team: 'default', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(await fieldsOf(past)).toEqual(['expiresAt']);
    const expiresAt = new Date(Date.now() + 3000).toISOString();
    const created = await call('POST', '/v1/keys', admin, { name: 'short-lived', role: 'auditor', team: 'default', expiresAt });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect((await call('GET', '/v1/teams', token)).status).toBe(200);
    const listed = ((await (await call('GET', '/v1/keys', admin)).json()) as Array<Record<string, unknown>>).find((k) => k['id'] === id);
    expect(listed).toMatchObject({ team: 'default', expiresAt });
    await waitUntil(async () => (await call('GET', '/v1/teams', token)).status, (s) => s === 401, 10_000, 'expired key refused');
    await call('DELETE', `/v1/keys/${id}`, admin);
  });

  it('creates a key shown once, lists it without its token, records its use and revokes it', async () => {
    const created = await call('POST', '/v1/keys', admin, { name: 'lifecycle-e2e', role: 'case-manager', team: 'default' });
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
    expect(mine).toMatchObject({ name: 'lifecycle-e2e', role: 'case-manager', team: 'default', createdAt: expect.any(String) });
    expect(Object.keys(mine!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'role', 'team']);
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
