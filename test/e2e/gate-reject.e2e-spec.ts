import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
  counters: Record<string, number>;
}

/**
 * Issue 14, gate rejection, through the admin API and the mail sink only. The inventory gate's
 * rejection discards the loaded inventory and waits for a corrected upload (the same customer ids
 * import again); the notices gate's rejection sends the case back to its inventory gate (more
 * customers can be loaded, the routes are decided again); each decision is listed with its reason
 * and audited; the gates that cannot be rejected, and gates not pending, answer 409.
 */
describe('rejecting a gate', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const until = (caseId: string, what: string, done: (v: CaseView) => boolean) => waitUntil(() => view(caseId), done, 120_000, what);
  const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;
  const email = (i: number) => `r${i}.${stamp}@customers.example`;
  const row = (i: number, overrides: Record<string, unknown> = {}) => ({ customer_id: `R${i}-${stamp}`, type: 'individual', name: `驳回客户${i}${stamp}`, email: email(i), products: ['金饰'], ...overrides });

  async function upload(caseId: string, rows: Array<Record<string, unknown>>): Promise<{ accepted: number; rejected: number }> {
    const res = await api(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    return waitUntil(
      async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string; accepted: number; rejected: number },
      (p) => p.status === 'done',
      120_000,
      'import done',
    );
  }

  it('discards a rejected inventory, sends a rejected notices gate back to the inventory gate, and lists and audits both', async () => {
    const created = await post('/v1/cases', {
      kind: 'asset-sale',
      transferor: { name: `驳回测试转让方${stamp}`, contact: '010-12345678' },
      recipient: { name: `驳回测试受让方${stamp}`, contact: '021-87654321', email: `dpo.${stamp}@buyer.example`, country: 'CN' },
      manager: { name: '钱经理', email: `mgr.reject.${stamp}@example.cn` },
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    // A wrong file: two customers, one row with a bad address (quarantined).
    expect(await upload(caseId, [row(0), row(1, { email: 'not-an-address' })])).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await until(caseId, 'inventory pending', (v) => v.gates[0]?.state === 'pending');

    expect((await post(`/v1/cases/${caseId}/gates/inventory/reject`, {})).status).toBe(400);
    const handover = await post(`/v1/cases/${caseId}/gates/handover/reject`, { reason: 'x' });
    expect(handover.status).toBe(409);
    expect(await codeOf(handover)).toBe('GATE_NOT_REJECTABLE');
    const notYet = await post(`/v1/cases/${caseId}/gates/notices/reject`, { reason: 'x' });
    expect(notYet.status).toBe(409);
    expect(await codeOf(notYet)).toBe('GATE_NOT_PENDING');

    // Inventory rejected: the loaded inventory is gone, the gate waits for the corrected file.
    const rejected = await post(`/v1/cases/${caseId}/gates/inventory/reject`, { reason: '清单版本错误，缺少门店数据' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ gate: 'inventory', state: 'pending', phase: 'inventory' });
    await until(caseId, 'inventory discarded', (v) => v.counters['customers'] === 0);
    const quarantine = (await (await api(`/v1/cases/${caseId}/inventory/rejected`)).json()) as { total: number };
    expect(quarantine.total).toBe(0);
    const empty = await post(`/v1/cases/${caseId}/gates/inventory/approve`);
    expect(empty.status).toBe(409);
    expect(await codeOf(empty)).toBe('INVENTORY_EMPTY');
    // The corrected file: the same customer ids import as new (nothing quarantined as a duplicate).
    expect(await upload(caseId, [row(0), row(1), row(2)])).toMatchObject({ accepted: 3, rejected: 0 });
    await until(caseId, 'three customers', (v) => v.counters['customers'] === 3);
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`, { note: '已更正' })).status).toBe(200);
    await until(caseId, 'notices pending', (v) => v.phase === 'legal-basis' && v.gates[1]?.state === 'pending');

    // Notices rejected: back to the inventory phase and gate; more customers may be loaded.
    const back = await post(`/v1/cases/${caseId}/gates/notices/reject`, { reason: '法律依据需要律师复核' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ gate: 'notices', state: 'waiting', phase: 'inventory' });
    const returned = await until(caseId, 'back at the inventory gate', (v) => v.phase === 'inventory' && v.gates[0]?.state === 'pending');
    expect(returned.gates.map((g) => g.state)).toEqual(['pending', 'waiting', 'waiting', 'waiting']);
    const approveNotices = await post(`/v1/cases/${caseId}/gates/notices/approve`);
    expect(approveNotices.status).toBe(409);
    expect(await codeOf(approveNotices)).toBe('GATE_NOT_PENDING');
    expect(await upload(caseId, [row(3)])).toMatchObject({ accepted: 1 });
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await until(caseId, 'notices pending again', (v) => v.phase === 'legal-basis' && v.gates[1]?.state === 'pending');
    expect((await post(`/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
    await until(caseId, 'consent phase', (v) => v.phase === 'consent');
    // Every customer of the corrected inventory, the one added after the notices' rejection too, is notified once.
    for (const i of [0, 1, 2, 3]) expect(await sink.waitFor(email(i), 1, 90_000)).toHaveLength(1);
    const late = await post(`/v1/cases/${caseId}/gates/inventory/reject`, { reason: 'too late' });
    expect(late.status).toBe(409);
    expect(await codeOf(late)).toBe('GATE_NOT_PENDING');

    const { decisions } = (await (await api(`/v1/cases/${caseId}/gates`)).json()) as { decisions: Array<{ gate: string; decision: string; note?: string }> };
    expect(decisions.map((d) => [d.gate, d.decision, d.note])).toEqual([
      ['inventory', 'rejected', '清单版本错误，缺少门店数据'],
      ['inventory', 'approved', '已更正'],
      ['notices', 'rejected', '法律依据需要律师复核'],
      ['inventory', 'approved', undefined],
      ['notices', 'approved', undefined],
    ]);
    const { events } = (await (await api(`/v1/cases/${caseId}/audit`)).json()) as { events: Array<{ action: string; data?: Record<string, unknown> }> };
    expect(events.filter((e) => e.action === 'gate.rejected').map((e) => e.data)).toEqual([
      expect.objectContaining({ gate: 'inventory', phase: 'inventory' }),
      expect.objectContaining({ gate: 'notices', phase: 'inventory' }),
    ]);
    expect(events.find((e) => e.action === 'inventory.discarded')?.data).toMatchObject({ customers: 1, quarantined: 1, uploads: 1 });
    expect(JSON.stringify(events)).not.toContain('律师');
  }, 420_000);
});
