import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
}

/**
 * Issue 14, Must show 2 (slow project: a whole case), through the admin API and the mail sink
 * only: a recipient that never acknowledges the package is reminded twice, the acknowledgement is
 * escalated to the manager at its deadline, the manager overrides with a reason (refused before
 * the escalation), the override is on the audit trail and among the handover gate's decisions, and
 * the case then closes. Deadlines are shortened through the policy of `POST /v1/cases`.
 */
describe('a recipient who never acknowledges', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const recipientEmail = `dpo.silent.${stamp}@buyer.example`;
  const managerEmail = `mgr.silent.${stamp}@example.cn`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const until = (caseId: string, what: string, done: (v: CaseView) => boolean) => waitUntil(() => view(caseId), done, 180_000, what, 500);
  const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;
  const override = (caseId: string, reason = '接收方已书面确认收到移交包') => post(`/v1/cases/${caseId}/handover/override`, { reason });

  it('reminds, escalates, accepts the manager\'s override only after the escalation, and closes', async () => {
    const created = await post('/v1/cases', {
      kind: 'asset-sale',
      transferor: { name: `沉默测试转让方${stamp}`, contact: '010-12345678' },
      recipient: { name: `沉默测试受让方${stamp}`, contact: '021-87654321', email: recipientEmail, country: 'CN' },
      manager: { name: '孙经理', email: managerEmail },
      policy: {
        waitingPeriod: 'PT3S', consentDeadline: 'PT3S', thirdPartyDeadline: 'PT5S', reminders: [],
        acknowledgementDeadline: 'PT24S', acknowledgementReminders: ['PT12S', 'PT6S'],
      },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const rows = [0, 1].map((i) => ({ customer_id: `S${i}-${stamp}`, type: 'individual', name: `沉默客户${i}${stamp}`, email: `s${i}.${stamp}@customers.example`, products: ['金饰'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    for (const gate of ['inventory', 'notices', 'handover']) {
      await until(caseId, `${gate} pending`, (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'));
      expect((await post(`/v1/cases/${caseId}/gates/${gate}/approve`)).status).toBe(200);
    }

    // The link went out; before the deadline the override is refused, and so is a cancellation.
    await sink.waitFor(recipientEmail, 1, 120_000);
    const early = await override(caseId);
    expect(early.status).toBe(409);
    expect(await codeOf(early)).toBe('ACKNOWLEDGEMENT_NOT_OVERDUE');
    const cancel = await post(`/v1/cases/${caseId}/cancel`, { reason: 'too late' });
    expect(cancel.status).toBe(409);
    expect(await codeOf(cancel)).toBe('CASE_HANDED_OVER');

    // Two reminders carrying the same link, then the escalation to the manager.
    const toRecipient = await sink.waitFor(recipientEmail, 3, 120_000);
    const subjects = toRecipient.map((m) => m.Subject).sort();
    expect(subjects.filter((s) => s.includes('Reminder 1'))).toHaveLength(1);
    expect(subjects.filter((s) => s.includes('Reminder 2'))).toHaveLength(1);
    const links = await Promise.all(toRecipient.map(async (m) => /\/r\/([A-Za-z0-9._-]+)/.exec((await sink.message(m.ID)).Text)?.[1]));
    expect(new Set(links).size).toBe(1);
    const escalation = await waitUntil(
      async () => (await sink.messagesTo(managerEmail)).filter((m) => m.Subject.includes('OVERDUE')),
      (list) => list.length === 1,
      120_000,
      'escalation to the manager',
    );
    expect(escalation[0]!.Subject).toContain(caseId);
    expect(await sink.messagesTo(recipientEmail)).toHaveLength(3);

    // The override (once the escalation was recorded by the workflow), and only one.
    const accepted = await waitUntil(async () => override(caseId), (res) => res.status !== 409, 30_000, 'override accepted');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ id: caseId, phase: 'handover' });
    const twice = await override(caseId);
    expect(twice.status).toBe(409);
    expect(['ACKNOWLEDGEMENT_OVERRIDDEN', 'CASE_CLOSED']).toContain(await codeOf(twice));

    const { decisions } = (await (await api(`/v1/cases/${caseId}/gates`)).json()) as { decisions: Array<{ gate: string; decision: string; note?: string }> };
    expect(decisions.filter((d) => d.gate === 'handover').map((d) => [d.decision, d.note])).toEqual([
      ['approved', undefined],
      ['overridden', '接收方已书面确认收到移交包'],
    ]);

    // The case goes on: deletion, the closure gate, closed.
    await until(caseId, 'closure pending', (v) => v.gates.some((g) => g.name === 'closure' && g.state === 'pending'));
    expect((await post(`/v1/cases/${caseId}/gates/closure/approve`)).status).toBe(200);
    await until(caseId, 'closed', (v) => v.status === 'closed');
    const afterClose = await override(caseId);
    expect(afterClose.status).toBe(409);
    expect(await codeOf(afterClose)).toBe('CASE_CLOSED');
    const cancelClosed = await post(`/v1/cases/${caseId}/cancel`, { reason: 'x' });
    expect(cancelClosed.status).toBe(409);
    expect(await codeOf(cancelClosed)).toBe('CASE_CLOSED');

    const { events } = (await (await api(`/v1/cases/${caseId}/audit`)).json()) as { events: Array<{ action: string; actor: { id: string }; data?: Record<string, unknown> }> };
    const actions = events.map((e) => e.action);
    expect(actions.indexOf('handover.escalated')).toBeGreaterThan(-1);
    expect(actions.indexOf('handover.overridden')).toBeGreaterThan(actions.indexOf('handover.escalated'));
    expect(events.find((e) => e.action === 'handover.overridden')?.actor.id).not.toBe('system');
    expect(JSON.stringify(events)).not.toContain('书面确认');
    expect(((await (await api(`/v1/cases/${caseId}/audit/verify`)).json()) as { valid: boolean }).valid).toBe(true);
  }, 600_000);
});
