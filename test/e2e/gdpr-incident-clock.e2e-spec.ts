import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface IncidentStatus {
  status: string;
  jurisdiction: string | null;
  deadlines: Array<{ name: string; dueAt: string | null; metAt: string | null; missed: boolean }>;
}

/**
 * Issue 14, Must show 1 (the GDPR clock, no override): a GDPR incident detected 72 h − 30 s ago
 * reports its authority deadline (Art. 33) as `detectedAt` + 72 h, then, 30 s later, the deadline
 * is missed and escalated (audit trail and the internal address), through the admin API only.
 */
describe('a GDPR incident without a clock override', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const admin = adminToken();
  const internal = (process.env['INCIDENT_INTERNAL_ADDRESSES'] ?? 'security@handover.local').split(',')[0]!.trim();
  const call = async (method: string, path: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const status = async (id: string) => (await (await call('GET', `/v1/incidents/${id}`)).json()) as IncidentStatus;

  it('reports the authority deadline as detectedAt + 72 h and escalates when it passes', async () => {
    const detectedAt = new Date(Date.now() - 72 * 3_600_000 + 30_000);
    const opened = await call('POST', '/v1/incidents', {
      title: 'EU: member database backup exposed',
      detectedAt: detectedAt.toISOString(),
      jurisdiction: 'EU-GDPR',
      categories: ['contact'],
      severity: 'medium',
      affectedEstimate: 40,
      contact: 'dpo@eu-shop.example',
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };

    const open = await waitUntil(() => status(id), (s) => s.deadlines.some((d) => d.name === 'authority-report' && d.dueAt !== null), 60_000, 'incident graded');
    expect(open.jurisdiction).toBe('EU-GDPR');
    const authority = open.deadlines.find((d) => d.name === 'authority-report')!;
    expect(Date.parse(authority.dueAt!)).toBe(detectedAt.getTime() + 72 * 3_600_000);
    expect(authority).toMatchObject({ missed: false, metAt: null });

    const missed = await waitUntil(() => status(id), (s) => s.deadlines.some((d) => d.name === 'authority-report' && d.missed), 90_000, 'authority report missed');
    expect(missed.deadlines.find((d) => d.name === 'authority-report')).toMatchObject({ missed: true, metAt: null });
    expect(Date.now()).toBeGreaterThanOrEqual(detectedAt.getTime() + 72 * 3_600_000);
    const audit = await waitUntil(
      async () => ((await (await call('GET', `/v1/cases/incident:${id}/audit?limit=200`)).json()) as { events: Array<{ action: string }> }).events.map((e) => e.action),
      (actions) => actions.includes('deadline.escalated'),
      30_000,
      'escalation on the audit trail',
    );
    expect(audit).toEqual(expect.arrayContaining(['incident.opened', 'deadline.missed', 'deadline.escalated']));
    const mails = await waitUntil(async () => (await sink.messagesTo(internal)).filter((m) => m.Subject.includes(id) && m.Subject.includes('MISSED')), (m) => m.length > 0, 30_000, 'escalation mail');
    expect(mails.length).toBeGreaterThan(0);
  }, 180_000);
});
