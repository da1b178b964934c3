import { calendars } from '@handover/calendars';
import { computeDueDate } from '@handover/domain';
import { adminToken, testEnv, waitUntil } from '@handover/testing';

/**
 * Issue 14, working calendars through the admin API: an EU case names its member state in its
 * policy (an unknown one is a 400 naming the field), and a request filed in it is due on that
 * state's calendar (date-holidays), recorded as `EU-<state>`.
 */
describe('working calendars', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const euCase = (memberState: string) => ({
    kind: 'asset-sale',
    jurisdiction: 'EU-GDPR',
    transferor: { name: `Kalender Verkäufer ${stamp}`, contact: '+49 30 1234567' },
    recipient: { name: `Kalender Käufer ${stamp}`, contact: '+49 89 7654321', email: `dpo.${stamp}@buyer.example`, country: 'DE' },
    manager: { name: 'Frau Berger', email: `mgr.calendar.${stamp}@example.de` },
    policy: { memberState },
  });

  it('refuses a member state that is not one, naming policy.memberState', async () => {
    const res = await post('/v1/cases', euCase('CH'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('policy.memberState');
  });

  it("files a request of a German case on Germany's calendar", async () => {
    const created = await post('/v1/cases', euCase('DE'));
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const upload = await api(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ customer_id: `K1-${stamp}`, type: 'individual', name: `Kunde ${stamp}`, email: `k1.${stamp}@customers.example`, products: ['Gold'] })}\n`,
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');

    const before = new Date();
    const filed = await post('/v1/requests', { caseId, customerId: `K1-${stamp}`, type: 'access' });
    expect(filed.status).toBe(201);
    const { id, dueDate } = (await filed.json()) as { id: string; dueDate: string };
    const germany = calendars().calendarFor('EU-GDPR', 'DE');
    expect(dueDate).toBe(computeDueDate({ receivedAt: before, jurisdiction: 'EU-GDPR', calendar: germany }).dueDate);
    const detail = (await (await api(`/v1/requests/${id}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ id, calendarId: 'EU-DE' });
  }, 180_000);
});
