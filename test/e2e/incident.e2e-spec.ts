import { MongoClient } from 'mongodb';
import { adminToken, CHINESE_HEADER, gbkCsv, luhnCard, MailSinkClient, testEnv, validIdNumber, waitUntil } from '@handover/testing';

interface IncidentStatus {
  status: 'assessing' | 'open' | 'closed';
  drill: boolean;
  affected: number;
  tier: string | null;
  noticesSent: number;
  notices: { eligible: number; sent: number; noEmail: number; unreachable: number; internal: number; drill: boolean } | null;
  deadlines: Array<{ name: string; dueAt: string | null; metAt: string | null; missed: boolean }>;
  tasks: Array<{ id: string; name: string; state: string; dueAt: string | null }>;
}

/**
 * Issue 6 through the running services: the inventory is uploaded through the API, then
 * (1) a drill with clocks shortened in the request: affected count = the inventory's matching
 * customers, every deadline has a due time, containment is missed on purpose and escalates by mail
 * to the case manager, completing every task closes the incident, no customer gets any mail;
 * (2) a real incident: after the notify task is approved, exactly one notice with the three PIPL
 * Art. 57 items reaches every affected customer with email (en where the inventory says so).
 */
describe('incident response through the admin API, the worker and the mail sink', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const admin = adminToken();
  const stamp = Date.now().toString(36);
  const internal = (process.env['INCIDENT_INTERNAL_ADDRESSES'] ?? 'security@handover.local').split(',')[0]!.trim();
  const managerEmail = `incident.mgr.${stamp}@example.cn`;
  let responder = '';
  let responderKeyId = '';
  let caseId = '';

  const call = async (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const status = async (id: string): Promise<IncidentStatus> => (await (await call('GET', `/v1/incidents/${id}`, responder)).json()) as IncidentStatus;
  const completeTask = (id: string, taskId: string, note?: string) => call('POST', `/v1/incidents/${id}/tasks/${taskId}/complete`, responder, note ? { note } : {});

  // Ten customers: 0–5 hold a bank card (0–3 with email, 2 asks for English, 4 phone only, 5 no
  // channel at all); 6–9 have email and no card (6 has an ID number: another sensitive category).
  const rows = Array.from({ length: 10 }, (_, i) => {
    const card = i <= 5 ? luhnCard(`62220210000${String(1000 + i)}`) : '';
    const email = i <= 3 || i >= 6 ? `kehu${i}.${stamp}@example.cn` : '';
    const phone = i === 4 ? `139${String(20_000_000 + i)}` : '';
    const id = i === 6 ? validIdNumber('1985-06-15', 6) : '';
    return [`INC${stamp}-${i}`, '个人', `事件客户${i}`, email, phone, id, '', '', '金饰', '', '', card, '', i === 2 ? 'en' : 'zh-CN'];
  });
  const withCard = rows.filter((r) => r[11] !== '');
  const customerEmails = rows.map((r) => r[3] as string).filter((e) => e !== '');
  const affectedEmails = withCard.map((r) => r[3] as string).filter((e) => e !== '');

  beforeAll(async () => {
    const key = await call('POST', '/v1/keys', admin, { name: `incident-e2e-${stamp}`, role: 'incident-responder', team: 'default' });
    expect(key.status).toBe(201);
    ({ id: responderKeyId, token: responder } = (await key.json()) as { id: string; token: string });

    const opened = await call('POST', '/v1/cases', admin, {
      kind: 'merger',
      transferor: { name: '事件演练珠宝店', contact: '0755-88880000' },
      recipient: { name: '承接公司', contact: '021-66660000', email: 'dpo@successor.example', country: 'CN' },
      manager: { name: '赵经理', email: managerEmail },
    });
    expect(opened.status).toBe(201);
    caseId = ((await opened.json()) as { id: string }).id;
    const upload = await fetch(`${env.adminUrl}/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: gbkCsv([[...CHINESE_HEADER, '语言'], ...rows]),
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    const done = await waitUntil(
      async () => (await (await call('GET', `/v1/cases/${caseId}/inventory/imports/${importId}`, admin)).json()) as { status: string; accepted: number },
      (p) => p.status === 'done' || p.status === 'failed',
      90_000,
      'import done',
    );
    expect(done).toMatchObject({ status: 'done', accepted: rows.length });
  }, 120_000);

  afterAll(async () => {
    if (responderKeyId) await call('DELETE', `/v1/keys/${responderKeyId}`, admin);
  });

  it('Must show 1: a drill with shortened clocks, one missed deadline escalated, closed, and no customer mailed', async () => {
    const opened = await call('POST', '/v1/incidents', responder, {
      title: '演练：会员库备份外泄',
      caseId,
      detectedAt: new Date().toISOString(),
      categories: ['bank_card'],
      drill: true,
      clockOverrides: { containment: 'PT3S', 'authority-report': 'PT2M', 'individual-notice': 'PT2M', assess: 'PT2M', remediate: 'PT2M', review: 'PT2M' },
      contact: 'dpo@drill-shop.example',
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    expect(id).toMatch(/^inc_/);

    const open = await waitUntil(() => status(id), (s) => s.status === 'open', 60_000, 'incident open');
    expect(open.drill).toBe(true);
    expect(open.affected).toBe(withCard.length);
    expect(open.deadlines.map((d) => d.name).sort()).toEqual(['authority-report', 'containment', 'individual-notice']);
    for (const deadline of open.deadlines) expect(Number.isNaN(Date.parse(deadline.dueAt ?? ''))).toBe(false);
    expect(open.tasks.map((t) => t.id)).toEqual(['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate', 'review']);

    // Containment (3 s) is left to run out: missed, and escalated to the case manager.
    const missed = await waitUntil(() => status(id), (s) => s.deadlines.some((d) => d.name === 'containment' && d.missed), 30_000, 'containment missed');
    expect(missed.deadlines.find((d) => d.name === 'containment')).toMatchObject({ missed: true, metAt: null });
    const escalations = await waitUntil(async () => (await sink.messagesTo(managerEmail)).filter((m) => m.Subject.includes(id)), (m) => m.length > 0, 20_000, 'escalation mail');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.Subject).toContain('MISSED');
    expect((await sink.message(escalations[0]!.ID)).Text).toContain('赵经理');

    for (const taskId of ['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate']) {
      expect({ taskId, status: (await completeTask(id, taskId, taskId === 'contain' ? '已隔离备份服务器' : undefined)).status }).toEqual({ taskId, status: 200 });
    }
    expect((await completeTask(id, 'assess')).status).toBe(409);
    expect((await completeTask(id, 'no-such-task')).status).toBe(404);
    await waitUntil(() => status(id), (s) => s.tasks.find((t) => t.id === 'review')?.state === 'open', 30_000, 'review open');
    expect((await completeTask(id, 'review')).status).toBe(200);

    const closed = await waitUntil(() => status(id), (s) => s.status === 'closed', 30_000, 'incident closed');
    expect(closed.deadlines.filter((d) => d.missed).map((d) => d.name)).toEqual(['containment']);
    expect(closed.deadlines.filter((d) => d.metAt !== null).map((d) => d.name).sort()).toEqual(['authority-report', 'individual-notice']);
    expect(closed.tasks.every((t) => t.state === 'done')).toBe(true);
    expect(closed.notices).toMatchObject({ drill: true, eligible: withCard.length, sent: 0 });

    // Drill notices go to the internal address only: one summary with the count.
    const drillMail = (await sink.messagesTo(internal)).filter((m) => m.Subject.includes(id) && m.Subject.includes('Incident notice drill'));
    expect(drillMail).toHaveLength(1);
    expect((await sink.message(drillMail[0]!.ID)).Text).toContain(`${withCard.length} affected customers`);
    for (const address of customerEmails) expect({ address, mails: (await sink.messagesTo(address)).length }).toEqual({ address, mails: 0 });

    const report = (await (await call('GET', `/v1/incidents/${id}/report`, responder)).json()) as {
      authorityReport: { affected: { total: number }; categories: Array<{ code: string }>; contact: string; tier: string };
      individualNotice: { 'zh-CN': { text: string } };
    };
    expect(report.authorityReport.affected.total).toBe(withCard.length);
    expect(report.authorityReport.categories.map((c) => c.code)).toEqual(['bank_card']);
    expect(report.authorityReport.contact).toBe('dpo@drill-shop.example');
    expect(report.individualNotice['zh-CN'].text).toContain('涉及的个人信息种类');
    expect(JSON.stringify(report)).not.toContain('事件客户');

    // The drill is recorded in the incident's audit trail (GB/T 35273 §10.1).
    const audit = (await (await call('GET', `/v1/cases/incident:${id}/audit?limit=200`, admin)).json()) as { events: Array<{ action: string }> };
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['incident.opened', 'incident.assessed', 'deadline.missed', 'deadline.escalated', 'task.completed', 'incident.closed', 'drill.recorded']));
  }, 180_000);

  it('Must show 2: a real incident mails exactly one Art. 57 notice to every affected reachable customer after approval', async () => {
    const opened = await call('POST', '/v1/incidents', responder, {
      title: '会员库备份外泄',
      caseId,
      detectedAt: new Date().toISOString(),
      categories: ['bank_card'],
      cause: '备份服务器访问控制配置错误',
      contact: 'dpo@real-shop.example, 400-800-0000',
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const open = await waitUntil(() => status(id), (s) => s.status === 'open', 60_000, 'incident open');
    expect(open).toMatchObject({ drill: false, affected: withCard.length, noticesSent: 0 });
    for (const address of affectedEmails) expect(await sink.messagesTo(address)).toEqual([]);

    expect((await completeTask(id, 'notify-individuals', '法务已审核通知内容')).status).toBe(200);
    const notified = await waitUntil(() => status(id), (s) => s.notices !== null, 60_000, 'notices sent');
    expect(notified.noticesSent).toBe(affectedEmails.length);
    expect(notified.notices).toMatchObject({ eligible: withCard.length, sent: affectedEmails.length, noEmail: 1, unreachable: 1, drill: false });

    for (const address of affectedEmails) {
      const mails = (await sink.messagesTo(address)).filter((m) => m.Subject.includes(id));
      expect({ address, mails: mails.length }).toEqual({ address, mails: 1 });
      const mail = await sink.message(mails[0]!.ID);
      if (address.startsWith('kehu2.')) {
        expect(mail.Text).toContain('1. Categories of personal information, cause and possible harm');
        expect(mail.Text).toContain('2. Measures we have taken and what you can do');
        expect(mail.Text).toContain('3. Contact');
      } else {
        expect(mail.Text).toContain('涉及的个人信息种类：银行卡号');
        expect(mail.Text).toContain('事件原因：备份服务器访问控制配置错误');
        expect(mail.Text).toContain('可能造成的危害');
        expect(mail.Text).toContain('我们已采取的补救措施');
        expect(mail.Text).toContain('您可以采取的措施');
      }
      expect(mail.Text).toContain('dpo@real-shop.example, 400-800-0000');
      expect(mail.Text).not.toContain('事件客户');
    }
    const unaffected = customerEmails.filter((e) => !affectedEmails.includes(e));
    for (const address of unaffected) expect((await sink.messagesTo(address)).filter((m) => m.Subject.includes(id))).toEqual([]);

    // The rest of the playbook; completing everything closes it, and nobody was mailed twice.
    for (const taskId of ['contain', 'assess', 'report-to-authority', 'remediate']) expect((await completeTask(id, taskId)).status).toBe(200);
    await waitUntil(() => status(id), (s) => s.tasks.find((t) => t.id === 'review')?.state === 'open', 30_000, 'review open');
    expect((await completeTask(id, 'review')).status).toBe(200);
    await waitUntil(() => status(id), (s) => s.status === 'closed', 30_000, 'incident closed');
    for (const address of affectedEmails) expect((await sink.messagesTo(address)).filter((m) => m.Subject.includes(id))).toHaveLength(1);

    // Incident documents, the ledger and the audit trail hold no address of a customer.
    const client = await MongoClient.connect(env.mongoUri);
    try {
      for (const collection of ['incidents', 'mail_ledger', 'audit_events']) {
        const raw = JSON.stringify(await client.db().collection(collection).find({}).toArray());
        expect({ collection, leaked: customerEmails.filter((e) => raw.includes(e)) }).toEqual({ collection, leaked: [] });
      }
    } finally {
      await client.close();
    }
  }, 180_000);

  it('rejects an unknown category (400), unknown cases and incidents (404), and an auditor opening an incident (403)', async () => {
    expect((await call('POST', '/v1/incidents', responder, { title: 'x', detectedAt: new Date().toISOString(), categories: ['passwords'] })).status).toBe(400);
    expect((await call('POST', '/v1/incidents', responder, { title: 'x', caseId: 'cs_nope', detectedAt: new Date().toISOString(), categories: ['all'] })).status).toBe(404);
    expect((await call('GET', '/v1/incidents/inc_nope', responder)).status).toBe(404);
    const auditorKey = (await (await call('POST', '/v1/keys', admin, { name: `incident-e2e-auditor-${stamp}`, role: 'auditor', team: 'default' })).json()) as { id: string; token: string };
    try {
      expect((await call('POST', '/v1/incidents', auditorKey.token, { title: 'x', detectedAt: new Date().toISOString(), categories: ['all'] })).status).toBe(403);
    } finally {
      await call('DELETE', `/v1/keys/${auditorKey.id}`, admin);
    }
  });
});
