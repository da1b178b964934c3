import { adminToken, expectStatus, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
  counters: Record<string, number>;
  cancellation?: { cancelledAt: string; cancelledBy: string; fromStatus: string; phase?: string; reason: string };
}

/**
 * Issue 14, cancel: through the admin API, the portal and the mail sink only. A draft (with an
 * inventory already imported) and a running case in its consent phase are cancelled (its notified
 * customers are told the transfer will not take place); each shows
 * `cancelled` in its status, the case list and the audit trail; its customers are erased (the
 * status counters), the customer's portal link answers 404 (the case key is shredded), and every
 * further operation is refused with 409.
 */
describe('cancelling a case', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const send = (method: string, path: string, body: unknown = {}) => api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  /** The status read follows within about a second (the figures' projector). */
  const cancelledView = (caseId: string) => waitUntil(() => view(caseId), (v) => v.status === 'cancelled', 10_000, 'status cancelled');
  const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;
  const auditActions = async (caseId: string) =>
    ((await (await api(`/v1/cases/${caseId}/audit`)).json()) as { events: Array<{ action: string; data?: Record<string, unknown> }> }).events;
  /** The intent is on the record before its outcome (write-ahead): `<intent>` precedes `<outcome>`. */
  const expectIntentBefore = (events: Array<{ action: string }>, intent: string, outcome: string) => {
    const actions = events.map((e) => e.action);
    expect(actions.indexOf(intent)).toBeGreaterThanOrEqual(0);
    expect(actions.indexOf(intent)).toBeLessThan(actions.indexOf(outcome));
  };

  async function openWithInventory(label: string, customers: number): Promise<{ caseId: string; emails: string[] }> {
    const created = await send('POST', '/v1/cases', {
      kind: 'asset-sale',
      transferor: { name: `撤销测试转让方${label}`, contact: '010-12345678' },
      recipient: { name: `撤销测试受让方${label}${stamp}`, contact: '021-87654321', email: `dpo.${label}.${stamp}@buyer.example`, country: 'CN' },
      manager: { name: '赵经理', email: `mgr.${label}.${stamp}@example.cn` },
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const emails = Array.from({ length: customers }, (_, i) => `c${i}.${label}.${stamp}@customers.example`);
    const rows = emails.map((email, i) => ({ customer_id: `${label}-${i}-${stamp}`, type: 'individual', name: `撤销客户${i}${stamp}`, email, products: ['金饰'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');
    return { caseId, emails };
  }

  /** The status read shows every customer erased (the discard ran and recounted). */
  const erased = (caseId: string, customers: number) =>
    waitUntil(() => view(caseId), (v) => v.counters['customers'] === customers && v.counters['deleted'] === customers, 90_000, 'customers erased');

  it('cancels a draft at once, erases its imported inventory and refuses everything after with 409', async () => {
    const { caseId } = await openWithInventory('draft', 2);
    expect((await send('POST', `/v1/cases/${caseId}/cancel`, {})).status).toBe(400);
    const cancelled = await send('POST', `/v1/cases/${caseId}/cancel`, { reason: '债权人会议否决了资产出售' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: caseId, status: 'cancelled', phase: 'opened' });

    const shown = await cancelledView(caseId);
    expect(shown.cancellation).toMatchObject({ fromStatus: 'draft', reason: '债权人会议否决了资产出售', phase: 'opened' });
    await erased(caseId, 2);

    const again = await send('POST', `/v1/cases/${caseId}/cancel`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('CASE_CANCELLED');
    const start = await send('POST', `/v1/cases/${caseId}/start`);
    expect(start.status).toBe(409);
    expect(await codeOf(start)).toBe('CASE_CANCELLED');
    const edit = await send('PATCH', `/v1/cases/${caseId}`, { purposeChange: 'x' });
    expect(edit.status).toBe(409);
    expect(await codeOf(edit)).toBe('CASE_NOT_DRAFT');
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '{"customer_id":"x"}\n' });
    expect(upload.status).toBe(409);

    const events = await waitUntil(() => auditActions(caseId), (list) => list.some((e) => e.action === 'case.discarded'), 60_000, 'discard audited');
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.opened', 'case.cancelled', 'case.discarded']));
    expect(events.find((e) => e.action === 'case.cancelled')?.data).toMatchObject({ fromStatus: 'draft' });
    expectIntentBefore(events, 'case.cancel.requested', 'case.cancelled');
    expect(JSON.stringify(events)).not.toContain('债权人会议');
    expect((await api(`/v1/cases/${caseId}/audit/verify`).then((r) => r.json())) as { valid: boolean }).toMatchObject({ valid: true });
  }, 240_000);

  it('cancels a running case in its consent phase: the wait stops, the customers are erased, their links answer 404', async () => {
    const { caseId, emails } = await openWithInventory('running', 3);
    expect((await send('POST', `/v1/cases/${caseId}/start`)).status).toBe(202);
    for (const gate of ['inventory', 'notices']) {
      await waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} pending`);
      expect((await send('POST', `/v1/cases/${caseId}/gates/${gate}/approve`)).status).toBe(200);
    }
    await waitUntil(() => view(caseId), (v) => v.phase === 'consent', 120_000, 'consent phase');
    const notice = await sink.message((await sink.waitFor(emails[0]!, 1, 90_000))[0]!.ID);
    const token = /\/c\/([A-Za-z0-9._-]+)/.exec(notice.Text)?.[1];
    expect(token).toBeDefined();
    expect((await fetch(`${env.portalUrl}/api/c/${token}`)).status).toBe(200);

    const cancelled = await expectStatus(await send('POST', `/v1/cases/${caseId}/cancel`, { reason: '法院撤销了破产裁定' }), 200);
    expect(await cancelled.json()).toMatchObject({ id: caseId, status: 'cancelled', phase: 'consent' });
    const shown = await cancelledView(caseId);
    expect(shown.phase).toBe('consent');
    expect(shown.cancellation).toMatchObject({ fromStatus: 'running', phase: 'consent', reason: '法院撤销了破产裁定' });
    expect(shown.gates.map((g) => g.state)).toEqual(['approved', 'approved', 'waiting', 'waiting']);
    await erased(caseId, 3);
    // Every notified customer is told, once, that the transfer will not take place.
    for (const address of emails) {
      const mails = await waitUntil(() => sink.messagesTo(address), (list) => list.length === 2, 60_000, 'cancellation notice');
      expect(mails.filter((m) => m.Subject.includes('CANCELLED'))).toHaveLength(1);
    }

    // The case key is shredded: the customer's link reveals nothing, an answer is refused.
    await waitUntil(async () => (await fetch(`${env.portalUrl}/api/c/${token}`)).status, (status) => status === 404, 60_000, 'link 404');
    const answer = await fetch(`${env.portalUrl}/api/c/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'consent' }) });
    expect(answer.status).toBe(404);

    const again = await send('POST', `/v1/cases/${caseId}/cancel`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('CASE_CANCELLED');
    const approve = await send('POST', `/v1/cases/${caseId}/gates/handover/approve`);
    expect(approve.status).toBe(409);
    expect(await codeOf(approve)).toBe('CASE_CANCELLED');

    const listed = (await (await api(`/v1/cases?status=cancelled&q=${encodeURIComponent(`撤销测试受让方running${stamp}`)}`)).json()) as { items: Array<{ id: string; status: string }> };
    expect(listed.items).toEqual([expect.objectContaining({ id: caseId, status: 'cancelled' })]);
    const running = (await (await api(`/v1/cases?status=running&q=${encodeURIComponent(`撤销测试受让方running${stamp}`)}`)).json()) as { items: unknown[] };
    expect(running.items).toEqual([]);

    const events = await waitUntil(() => auditActions(caseId), (list) => list.some((e) => e.action === 'case.discarded'), 60_000, 'discard audited');
    expect(events.find((e) => e.action === 'case.cancelled')?.data).toMatchObject({ fromStatus: 'running', phase: 'consent' });
    expectIntentBefore(events, 'case.cancel.requested', 'case.cancelled');
    // Each approved gate: its request, then its approval; the refused handover approval left only a 409, no event.
    expect(events.filter((e) => e.action === 'gate.approve.requested').length).toBe(events.filter((e) => e.action === 'gate.approved').length);
    expectIntentBefore(events, 'gate.approve.requested', 'gate.approved');
    expect(events.find((e) => e.action === 'case.discarded')?.data).toMatchObject({ erased: 3 });
  }, 360_000);
});
