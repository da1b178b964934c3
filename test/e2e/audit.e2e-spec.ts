import { MongoClient } from 'mongodb';
import { chainHash } from '@handover/crypto';
import { adminToken, testEnv } from '@handover/testing';

interface AuditEvent {
  caseId: string;
  seq: number;
  at: string;
  actor: { id: string; role: string };
  action: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

/** The audit trail over HTTP: events recorded by the use-cases, verification, export, tampering. */
describe('audit trail through the running admin API', () => {
  const env = testEnv();
  const admin = adminToken();
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const keys: Record<'manager' | 'auditor', { id: string; token: string }> = { manager: { id: '', token: '' }, auditor: { id: '', token: '' } };
  const managerEmail = `audit.e2e.${Date.now()}@example.cn`;
  let caseId = '';

  beforeAll(async () => {
    for (const [name, role] of [['manager', 'case-manager'], ['auditor', 'auditor']] as const) {
      const res = await call('POST', '/v1/keys', admin, { name: `audit-e2e-${name}`, role, team: 'default' });
      expect(res.status).toBe(201);
      keys[name] = (await res.json()) as { id: string; token: string };
    }
    const opened = await call('POST', '/v1/cases', keys.manager.token, {
      kind: 'asset-sale',
      transferor: { name: '审计链有限公司', contact: '020-12345678' },
      manager: { name: '链经理', email: managerEmail },
      policy: { waitingPeriod: 'PT5S' },
    });
    expect(opened.status).toBe(201);
    caseId = ((await opened.json()) as { id: string }).id;
    expect((await call('POST', `/v1/cases/${caseId}/start`, keys.manager.token)).status).toBe(202);
  }, 60_000);

  afterAll(async () => {
    for (const { id } of Object.values(keys)) if (id) await call('DELETE', `/v1/keys/${id}`, admin);
  });

  it('lists case.opened and case.started with the acting key as actor, and no personal data', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit`, keys.auditor.token);
    expect(res.status).toBe(200);
    const { events, next } = (await res.json()) as { events: AuditEvent[]; next: number | null };
    // The started workflow records its phases too (actor: the workflow), possibly before case.started.
    const byKeys = events.filter((e) => e.actor.role !== 'system');
    expect(byKeys.map((e) => [e.action, e.actor.id, e.actor.role])).toEqual([
      ['case.opened', keys.manager.id, 'case-manager'],
      ['case.started', keys.manager.id, 'case-manager'],
    ]);
    expect(events.filter((e) => e.actor.role === 'system').every((e) => e.actor.id === 'workflow' && e.action.startsWith('phase.'))).toBe(true);
    expect(events[0]).toMatchObject({ seq: 1, action: 'case.opened', caseId, subject: { type: 'case', id: caseId }, data: { kind: 'asset-sale' }, prevHash: null });
    events.slice(1).forEach((e, i) => expect(e.prevHash).toBe(events[i]!.hash));
    expect(next).toBeNull();
    const raw = JSON.stringify(events);
    for (const secret of [managerEmail, '链经理', '020-12345678']) expect(raw).not.toContain(secret);
  });

  it('pages with after and limit, and rejects bad paging parameters with 400', async () => {
    const first = (await (await call('GET', `/v1/cases/${caseId}/audit?limit=1`, keys.auditor.token)).json()) as { events: AuditEvent[]; next: number | null };
    expect(first.events.map((e) => e.seq)).toEqual([1]);
    expect(first.next).toBe(1);
    const second = (await (await call('GET', `/v1/cases/${caseId}/audit?after=1&limit=1`, keys.auditor.token)).json()) as { events: AuditEvent[] };
    expect(second.events.map((e) => e.seq)).toEqual([2]);
    for (const query of ['limit=0', 'limit=5000', 'after=-1', 'after=abc', 'after[$gt]=0', 'surprise=1']) {
      expect({ query, status: (await call('GET', `/v1/cases/${caseId}/audit?${query}`, keys.auditor.token)).status }).toEqual({ query, status: 400 });
    }
  });

  it('verifies the chain as valid', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit/verify`, keys.auditor.token);
    expect(res.status).toBe(200);
    const { events } = (await (await call('GET', `/v1/cases/${caseId}/audit`, keys.auditor.token)).json()) as { events: AuditEvent[] };
    expect(await res.json()).toEqual({ valid: true, events: expect.any(Number) });
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('exports the chain as NDJSON that re-hashes offline', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit/export`, keys.auditor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text()).trim().split('\n').map((line) => JSON.parse(line) as AuditEvent);
    expect(lines.map((e) => e.action).filter((a) => !a.startsWith('phase.'))).toEqual(['case.opened', 'case.started']);
    let prev: string | null = null;
    for (const { prevHash, hash, ...body } of lines) {
      expect(prevHash).toBe(prev);
      expect(chainHash(prevHash, body)).toBe(hash);
      prev = hash;
    }
  });

  it('records key creation in the global trail with the admin as actor', async () => {
    const seen: AuditEvent[] = [];
    let after = 0;
    for (;;) {
      const page = (await (await call('GET', `/v1/cases/global/audit?after=${after}&limit=1000`, keys.auditor.token)).json()) as { events: AuditEvent[]; next: number | null };
      seen.push(...page.events);
      if (page.next === null) break;
      after = page.next;
    }
    const created = seen.find((e) => e.action === 'key.created' && e.subject.id === keys.auditor.id);
    expect(created).toMatchObject({ caseId: 'global', actor: { id: 'bootstrap-admin', role: 'admin' }, subject: { type: 'api-key' }, data: { role: 'auditor' } });
    expect((await (await call('GET', '/v1/cases/global/audit/verify', keys.auditor.token)).json()) as { valid: boolean }).toMatchObject({ valid: true });
  });

  it('answers 404 for the trail of an unknown case, without echoing the id', async () => {
    const res = await call('GET', '/v1/cases/someone@example.cn/audit', keys.auditor.token);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('someone@example.cn');
  });

  it('reports valid:false and the first broken seq after an event is edited in the database', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const result = await client.db().collection('audit_events').updateOne({ _id: `${caseId}:0000000001` as never }, { $set: { 'data.kind': 'merger' } });
      expect(result.modifiedCount).toBe(1);
    } finally {
      await client.close();
    }
    const res = await call('GET', `/v1/cases/${caseId}/audit/verify`, keys.auditor.token);
    expect(await res.json()).toEqual({ valid: false, events: expect.any(Number), firstBrokenAt: 1 });
  });
});
