import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

/**
 * Issue 17, Must show 2: one small case with one bounced mail and one rejected row, then each
 * service's metrics port (Prometheus text) has its series with non-zero values; the worker's
 * include the Temporal SDK's own series.
 */
describe('metrics of each service after a small case', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as { gates: Array<{ name: string; state: string }>; counters: Record<string, number> };
  const gatePending = (caseId: string, gate: string) =>
    waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} gate pending`);
  const port = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set (infra/test.sh exports it)`);
    return value;
  };
  const scrape = async (name: string): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${port(name)}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };
  /** The sum of the samples of `metric` whose labels include every given label. */
  const sample = (text: string, metric: string, labels: Record<string, string> = {}): number => {
    let sum = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!match || match[1] !== metric) continue;
      const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      if (Object.entries(labels).every(([k, v]) => present[k] === v)) sum += Number(match[3]);
    }
    return sum;
  };

  it('counts requests, mail sent and bounced, imported and rejected rows, activities, case phases and the SDK', async () => {
    const customers = ['m1', 'm2', 'm3'].map((id) => ({ customer_id: `${id}-${stamp}`, type: 'individual', name: `客户${id}`, email: `${id}.${stamp}@customers.example`, products: ['黄金'] }));
    const rows = [...customers, { type: 'individual', name: '缺少编号' }];
    const created = await post('/v1/cases', {
      kind: 'bankruptcy',
      transferor: { name: '度量珠宝', contact: '010-12345678' },
      manager: { name: '李经理', email: `mgr.metrics.${stamp}@example.cn` },
      policy: { waitingPeriod: 'PT30S' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const upload = await api(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    const imported = await waitUntil(
      async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string; accepted: number; rejected: number },
      (p) => p.status === 'done',
      120_000,
      'import done',
    );
    expect(imported).toMatchObject({ accepted: 3, rejected: 1 });
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await gatePending(caseId, 'inventory');
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await gatePending(caseId, 'notices');
    await sink.injectFault({ code: 550, count: 1, rcptMatch: `m3.${stamp}@customers.example` });
    expect((await post(`/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.counters['notified'] === 2 && v.counters['bounced'] === 1, 120_000, 'two notices sent, one bounced');
    expect((await fetch(`${env.portalUrl}/health`)).status).toBe(200);

    const admin = await scrape('ADMIN_METRICS_PORT');
    expect(sample(admin, 'handover_http_request_duration_seconds_count', { service: 'admin-api', route: '/v1/cases/:id', method: 'GET', status: '200' })).toBeGreaterThan(0);
    expect(sample(admin, 'handover_http_request_duration_seconds_count', { service: 'admin-api', route: '/v1/cases', method: 'POST', status: '201' })).toBeGreaterThan(0);
    expect(sample(admin, 'handover_case_phase', { status: 'running' })).toBeGreaterThan(0);
    expect(sample(admin, 'handover_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(admin).not.toContain(caseId); // ids are never labels

    const portal = await scrape('PORTAL_METRICS_PORT');
    expect(sample(portal, 'handover_http_request_duration_seconds_count', { service: 'portal', route: '/health', method: 'GET' })).toBeGreaterThan(0);
    expect(sample(portal, 'handover_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(portal).not.toContain('handover_case_phase{'); // counted by the admin API only

    const worker = await scrape('WORKER_METRICS_PORT');
    expect(sample(worker, 'handover_mail_sent_total', { kind: 'notice' })).toBeGreaterThanOrEqual(2);
    expect(sample(worker, 'handover_mail_failed_total', { kind: 'notice' })).toBeGreaterThanOrEqual(1);
    expect(sample(worker, 'handover_import_rows_total', { result: 'accepted' })).toBeGreaterThanOrEqual(3);
    expect(sample(worker, 'handover_import_rows_total', { result: 'rejected' })).toBeGreaterThanOrEqual(1);
    expect(sample(worker, 'handover_activity_duration_seconds_count', { activity: 'importInventory', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(worker, 'handover_activity_duration_seconds_count', { activity: 'sendCustomerMailing' })).toBeGreaterThan(0);
    // The Temporal SDK's own series (its runtime's Prometheus exporter), appended to the worker's.
    expect(worker).toMatch(/^temporal_\w+/m);
    expect(worker).not.toContain(`m1.${stamp}`);
  }, 300_000);
});
