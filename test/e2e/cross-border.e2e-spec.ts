import { adminToken, luhnCard, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
  crossBorder?: { mechanism: string; reference: string; recordedBy: string; recordedAt: string };
}

/**
 * Issue 14, cross-border refusal (PIPL Art. 38-39; docs/legal.md §1 modifier 2), through the running
 * services: a merger with a recipient in the US and one customer with a bank card (sensitive data:
 * standard contract or certification, 2024 Cross-border Provisions Art. 8) reaches its handover gate;
 * the approval is refused until that mechanism is recorded, then passes; afterwards the record stays.
 */
describe('cross-border transfer mechanism before the handover gate', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const send = (method: string, path: string, body: unknown = {}) => api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const gatePending = (caseId: string, gate: string) =>
    waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} gate pending`);
  const bodyOf = async (res: Response) => (await res.json()) as { code?: string; message?: string };

  it('refuses the handover gate with CROSS_BORDER_MECHANISM_MISSING until the required mechanism is recorded', async () => {
    const created = await send('POST', '/v1/cases', {
      kind: 'merger',
      transferor: { name: `跨境测试转让方${stamp}`, contact: '010-12345678' },
      recipient: { name: `Overseas Buyer ${stamp}`, contact: '+1 212 555 0100', email: `dpo.${stamp}@buyer.example`, country: 'US' },
      manager: { name: '钱经理', email: `mgr.${stamp}@example.cn` },
      policy: { waitingPeriod: 'PT3S', consentDeadline: 'PT3S' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const rows = [
      { customer_id: `xb-1-${stamp}`, type: 'individual', name: `跨境客户一${stamp}`, email: `c1.${stamp}@customers.example`, products: ['金饰'] },
      { customer_id: `xb-2-${stamp}`, type: 'individual', name: `跨境客户二${stamp}`, email: `c2.${stamp}@customers.example`, products: ['金饰'], bank_card: luhnCard('622202109000001') },
    ];
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');

    // Invalid records are refused with the field named, before and whatever the phase.
    const badMechanism = await send('PUT', `/v1/cases/${caseId}/cross-border`, { mechanism: 'handshake', reference: 'X-1' });
    expect(badMechanism.status).toBe(400);
    expect((await bodyOf(badMechanism)).message).toContain('mechanism');
    const blankReference = await send('PUT', `/v1/cases/${caseId}/cross-border`, { mechanism: 'exempt', reference: '  ' });
    expect(blankReference.status).toBe(400);
    expect((await bodyOf(blankReference)).message).toContain('reference');

    expect((await send('POST', `/v1/cases/${caseId}/start`)).status).toBe(202);
    await gatePending(caseId, 'inventory');
    expect((await send('POST', `/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await gatePending(caseId, 'notices');
    expect((await send('POST', `/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
    const piia = (await (await api(`/v1/cases/${caseId}/piia`)).json()) as { final: boolean; content: { requirements: { crossBorderMechanism: string | null } } };
    expect(piia.content.requirements.crossBorderMechanism).toBe('standard-contract-or-certification');
    await gatePending(caseId, 'handover');

    const refused = await send('POST', `/v1/cases/${caseId}/gates/handover/approve`);
    expect(refused.status).toBe(409);
    const refusal = await bodyOf(refused);
    expect(refusal.code).toBe('CROSS_BORDER_MECHANISM_MISSING');
    expect(refusal.message).toContain('standard-contract-or-certification');

    // A mechanism other than the one required does not satisfy the gate.
    expect((await send('PUT', `/v1/cases/${caseId}/cross-border`, { mechanism: 'exempt', reference: 'none' })).status).toBe(200);
    const stillRefused = await send('POST', `/v1/cases/${caseId}/gates/handover/approve`);
    expect(stillRefused.status).toBe(409);
    expect((await bodyOf(stillRefused)).code).toBe('CROSS_BORDER_MECHANISM_MISSING');

    const recorded = await send('PUT', `/v1/cases/${caseId}/cross-border`, { mechanism: 'standard-contract-or-certification', reference: 'SC-备案-2026-0042' });
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toMatchObject({ mechanism: 'standard-contract-or-certification', reference: 'SC-备案-2026-0042' });
    const shown = await waitUntil(() => view(caseId), (v) => v.crossBorder?.mechanism === 'standard-contract-or-certification', 10_000, 'mechanism on the case status');
    expect(shown.crossBorder).toMatchObject({ reference: 'SC-备案-2026-0042' });

    expect((await send('POST', `/v1/cases/${caseId}/gates/handover/approve`)).status).toBe(200);
    const afterwards = await send('PUT', `/v1/cases/${caseId}/cross-border`, { mechanism: 'exempt', reference: 'late' });
    expect(afterwards.status).toBe(409);
    expect((await bodyOf(afterwards)).code).toBe('CASE_HANDED_OVER');

    const audit = (await (await api(`/v1/cases/${caseId}/audit`)).json()) as { events: Array<{ action: string; data?: Record<string, unknown> }> };
    expect(audit.events.filter((e) => e.action === 'case.cross-border-recorded').map((e) => e.data?.['mechanism'])).toEqual(['exempt', 'standard-contract-or-certification']);
  });
});
