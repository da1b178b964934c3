import { MongoClient } from 'mongodb';
import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

/**
 * The first vertical slice through the running services: admin API → MongoDB → Temporal →
 * worker → SMTP sink, read back over HTTP.
 */
describe('case slice through the running admin API, worker and mail sink', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const auth = { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const managerEmail = `e2e.manager.${Date.now()}@example.cn`;

  it('refuses requests without a valid bearer token (401)', async () => {
    expect((await fetch(`${env.adminUrl}/v1/cases/anything`)).status).toBe(401);
    expect((await fetch(`${env.adminUrl}/v1/cases/anything`, { headers: { authorization: 'Bearer wrong-token-value' } })).status).toBe(401);
  });

  it('rejects an invalid case with 400 naming each field at fault, without echoing values', async () => {
    const res = await api('/v1/cases', { method: 'POST', body: JSON.stringify({ kind: 'fire-sale', manager: { name: '王', email: 'not-an-address' }, surprise: 1 }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: Array<{ field: string }> ; message: string };
    expect(body.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['kind', 'transferor', 'manager.email', 'surprise']));
    expect(JSON.stringify(body)).not.toContain('not-an-address');
  });

  it('opens, starts and shows a case; the manager is mailed once; the inventory gate refuses an empty inventory', async () => {
    const created = await api('/v1/cases', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'bankruptcy',
        transferor: { name: '某某珠宝有限公司', contact: '0755-12345678' },
        recipient: { name: '承接方有限公司', contact: '021-87654321', email: 'dpo@buyer.example', country: 'CN' },
        manager: { name: '陈清算', email: managerEmail },
        policy: { waitingPeriod: 'PT5S' },
      }),
    });
    expect(created.status).toBe(201);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('draft');
    expect(id).toMatch(/^cs_/);

    expect((await api(`/v1/cases/${id}/start`, { method: 'POST' })).status).toBe(202);
    expect((await api(`/v1/cases/${id}/start`, { method: 'POST' })).status).toBe(409);

    const view = await waitUntil(
      async () => (await api(`/v1/cases/${id}`)).json() as Promise<{ phase: string; status: string; gates: Array<{ name: string; state: string }>; counters: Record<string, number> }>,
      (v) => v.gates.find((g) => g.name === 'inventory')?.state === 'pending',
      60_000,
      'inventory gate pending',
    );
    expect(view).toMatchObject({ status: 'running', phase: 'inventory' });
    expect(view).not.toHaveProperty('source');
    expect(Object.keys(view.counters)).toEqual(expect.arrayContaining(['customers', 'notified', 'transferred', 'thirdPartiesConfirmed']));

    const mails = await sink.waitFor(managerEmail, 1, 60_000);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.Subject).toContain(id);

    const empty = await api(`/v1/cases/${id}/gates/inventory/approve`, { method: 'POST', body: '{}' });
    expect(empty.status).toBe(409);
    expect(((await empty.json()) as { code: string }).code).toBe('INVENTORY_EMPTY');
    expect((await api(`/v1/cases/${id}/gates/bogus/approve`, { method: 'POST', body: '{}' })).status).toBe(400);
    expect((await api(`/v1/cases/${id}/gates/notices/approve`, { method: 'POST', body: '{}' })).status).toBe(409);
    expect(await sink.messagesTo(managerEmail)).toHaveLength(1);
  }, 120_000);

  it('stores no plaintext contact data of the case in MongoDB', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const docs = await client.db().collection('cases').find({}).toArray();
      expect(docs.length).toBeGreaterThan(0);
      const raw = JSON.stringify(docs);
      expect(raw).not.toContain(managerEmail);
      expect(raw).not.toContain('陈清算');
      expect(raw).not.toContain('0755-12345678');
    } finally {
      await client.close();
    }
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = (await (await fetch(`${env.adminUrl}/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/cases/{id}/start', '/v1/cases/{id}/gates/{gate}/approve']));
    const ui = await fetch(`${env.adminUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
