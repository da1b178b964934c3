import { calendars } from '@handover/calendars';
import { computeDueDate, isWorkingDay } from '@handover/domain';
import { adminToken, CHINESE_HEADER, gbkCsv, MailSinkClient, waitUntil } from '@handover/testing';
import { PortalFixture } from './portal-fixture';

interface RequestRow {
  id: string;
  customerRef: string;
  type: string;
  status: string;
  filedBy: string;
  dueDate: string;
  dueAt: string;
  extended: boolean;
  escalatedAt?: string;
  remindedAt?: string;
  outcome?: string;
  excluded: boolean;
  late: boolean;
}

/**
 * Data-subject requests end to end (issue 8): customers file through the portal JSON, the case
 * manager resolves through the admin API, the outcome arrives by mail (the mail sink), the access
 * copy downloads through its signed link, a deletion request excludes the customer, an overdue
 * request escalates. The overdue one uses the case policy `requestDeadline: 'PT5S'`, set through
 * `PATCH /v1/cases/{id}` while the case is a draft.
 */
describe('data-subject requests through the portal, the admin API and the mail sink', () => {
  const fx = new PortalFixture();
  const sink = new MailSinkClient(fx.env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const managerEmail = `req.mgr.${stamp}@example.cn`;
  const customerEmail = (i: number): string => `req.${stamp}.${i}@example.cn`;
  const customerId = (i: number): string => `R${stamp}-${i}`;
  const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${fx.env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken()}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const file = (token: string, body: unknown): Promise<Response> =>
    fetch(`${fx.apiUrl(token)}/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const list = async (): Promise<RequestRow[]> => ((await (await admin('GET', `/v1/requests?caseId=${caseId}`)).json()) as { items: RequestRow[] }).items;
  const mailText = async (address: string, subjectPart: string, timeoutMs = 30_000): Promise<string> => {
    const messages = await waitUntil(() => sink.messagesTo(address), (m) => m.some((x) => x.Subject.includes(subjectPart)), timeoutMs, `mail "${subjectPart}"`);
    const found = messages.find((x) => x.Subject.includes(subjectPart));
    return (await sink.message(found?.ID ?? '')).Text;
  };

  let caseId = '';
  const refs: string[] = [];
  const tokens: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const created = await admin('POST', '/v1/cases', {
      kind: 'merger',
      transferor: { name: '请求测试商店', contact: '0755-88888888' },
      recipient: { name: '承接方有限公司', contact: '021-66666666', email: `req.buyer.${stamp}@example.cn`, country: 'CN' },
      manager: { name: '请经理', email: managerEmail },
    });
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    const rows = [0, 1, 2].map((i) => [customerId(i), '个人', `顾客${i}`, customerEmail(i), `138${String(20_000_000 + i).slice(-8)}`, '', '', `地址${i}`, '金饰', '', '', '', '']);
    const uploaded = await fetch(`${fx.env.adminUrl}/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'text/csv' },
      body: gbkCsv([CHINESE_HEADER, ...rows]),
    });
    expect(uploaded.status).toBe(202);
    const db = await fx.db();
    const customers = await waitUntil(
      () => db.collection<{ _id: string; ref: string; line: number }>('customers').find({ caseId }).toArray(),
      (docs) => docs.length === 3,
      60_000,
      'customers imported',
    );
    for (const c of customers.sort((a, b) => a.line - b.line)) {
      refs.push(c.ref);
      tokens.push(fx.sign(caseId, c.ref));
    }
  }, 90_000);

  afterAll(async () => {
    await fx.close();
  });

  it('files access, correction and deletion through the portal; due dates follow the CN working calendar', async () => {
    const before = new Date();
    const access = await file(tokens[0] as string, { type: 'access', message: '请提供我的全部个人信息' });
    expect(access.status).toBe(201);
    const a = (await access.json()) as { id: string; dueDate: string; dueAt: string; status: string };
    const expected = computeDueDate({ receivedAt: before, jurisdiction: 'CN-PIPL', calendar: calendars().calendarFor('CN-PIPL') });
    expect(a.dueDate).toBe(expected.dueDate);
    expect(a.dueAt).toBe(`${expected.dueDate}T23:59:59.999Z`);
    expect(isWorkingDay(a.dueDate, calendars().calendarFor('CN-PIPL'))).toBe(true);
    ids['access'] = a.id;

    const correct = await file(tokens[0] as string, { type: 'correct', corrections: { name: '更正后姓名', address: '新地址 1 号' } });
    expect(correct.status).toBe(201);
    ids['correct'] = ((await correct.json()) as { id: string }).id;

    const del = await file(tokens[1] as string, { type: 'delete', message: '请删除我的信息，不要转移' });
    expect(del.status).toBe(201);
    ids['delete'] = ((await del.json()) as { id: string }).id;

    // Invalid input names the field; a forged link is the generic 404.
    const bad = await file(tokens[0] as string, { type: 'erase-everything' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields[0]?.field).toBe('type');
    const badCorrection = await file(tokens[0] as string, { type: 'correct', corrections: { email: 'not-an-address' } });
    expect(badCorrection.status).toBe(400);
    expect(JSON.stringify(await badCorrection.json())).not.toContain('not-an-address');
    expect((await file(`${tokens[0] as string}x`, { type: 'access' })).status).toBe(404);

    const rows = await list();
    expect(rows.map((r) => [r.type, r.status, r.filedBy]).sort()).toEqual([['access', 'open', 'customer'], ['correct', 'open', 'customer'], ['delete', 'open', 'customer']]);
    expect(JSON.stringify(rows)).not.toContain('请删除我的信息');
  }, 30_000);

  it('the deletion request before the handover takes the customer out of the transfer', async () => {
    const db = await fx.db();
    const exclusions = await db.collection<{ _id: string; requestId: string; reason: string }>('transfer_exclusions').find({ caseId }).toArray();
    expect(exclusions).toEqual([expect.objectContaining({ _id: `${caseId}:${refs[1] as string}`, requestId: ids['delete'], reason: 'deletion-request' })]);
    expect((await list()).find((r) => r.id === ids['delete'])?.excluded).toBe(true);
    // the message is ciphertext at rest
    const stored = await db.collection<{ _id: string; messageEnc?: string }>('requests').findOne({ _id: ids['delete'] as string });
    expect(stored?.messageEnc).toMatch(/^e1\./);
  });

  it('a refusal without reasons is 400; with reasons the customer is told them and the complaint routes (Art. 50)', async () => {
    const noReasons = await admin('POST', `/v1/requests/${ids['delete'] as string}/resolve`, { outcome: 'refused' });
    expect(noReasons.status).toBe(400);
    expect(((await noReasons.json()) as { fields: Array<{ field: string }> }).fields[0]?.field).toBe('reasons');

    const refused = await admin('POST', `/v1/requests/${ids['delete'] as string}/resolve`, { outcome: 'refused', reasons: '账务资料依法需保存至 2029 年' });
    expect(refused.status).toBe(200);
    expect((await admin('POST', `/v1/requests/${ids['delete'] as string}/resolve`, { outcome: 'done' })).status).toBe(409);
    const text = await mailText(customerEmail(1), ids['delete'] as string);
    expect(text).toContain('账务资料依法需保存至 2029 年');
    expect(text).toContain('PIPL Art. 65');
  }, 40_000);

  it('access resolved done: the signed link downloads exactly that customer\'s data; the correction is re-encrypted into it', async () => {
    expect((await admin('POST', `/v1/requests/${ids['access'] as string}/resolve`, { outcome: 'done' })).status).toBe(200);
    const text = await mailText(customerEmail(0), ids['access'] as string);
    const url = /(http:\/\/\S+\/d\/\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    const download = await fetch(url as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const copy = (await download.json()) as { customer: { reference: string; personal: Record<string, unknown> } };
    expect(copy.customer.reference).toBe(refs[0]);
    expect(copy.customer.personal).toMatchObject({ customerId: customerId(0), email: customerEmail(0), name: '顾客0' });
    const raw = JSON.stringify(copy);
    expect(raw).not.toContain(customerId(1));
    expect(raw).not.toContain(customerEmail(1));
    expect((await fetch(`${url as string}x`)).status).toBe(404);

    expect((await admin('POST', `/v1/requests/${ids['correct'] as string}/resolve`, { outcome: 'done' })).status).toBe(200);
    const corrected = await waitUntil(
      async () => (await (await fetch(url as string)).json()) as { customer: { personal: Record<string, unknown> } },
      (c) => c.customer.personal['name'] === '更正后姓名',
      20_000,
      'correction applied',
    );
    expect(corrected.customer.personal).toMatchObject({ name: '更正后姓名', address: '新地址 1 号', email: customerEmail(0) });
  }, 60_000);

  it('an overdue request escalates by mail to the case manager; it can be extended once', async () => {
    expect((await admin('PATCH', `/v1/cases/${caseId}`, { policy: { requestDeadline: 'PT5S' } })).status).toBe(200);
    const filed = await admin('POST', '/v1/requests', { caseId, customerId: customerId(2), type: 'explanation', message: '请解释处理规则' });
    expect(filed.status).toBe(201);
    const { id, dueAt } = (await filed.json()) as { id: string; dueAt: string };
    ids['explanation'] = id;
    expect(Date.parse(dueAt) - Date.now()).toBeLessThan(6_000);

    const text = await mailText(managerEmail, `OVERDUE: data-subject request ${id}`, 30_000);
    expect(text).toContain(id);
    expect(text).not.toContain(customerEmail(2));
    const row = await waitUntil(list, (rows) => rows.some((r) => r.id === id && r.escalatedAt !== undefined), 10_000, 'escalation recorded');
    expect(row.find((r) => r.id === id)).toMatchObject({ filedBy: 'manager', status: 'open', late: true, customerRef: refs[2] });

    const extended = await admin('POST', `/v1/requests/${id}/extend`, { reason: '需要向档案部门调取纸质记录' });
    expect(extended.status).toBe(200);
    expect(Date.parse(((await extended.json()) as { dueAt: string }).dueAt)).toBeGreaterThan(Date.parse(dueAt));
    expect((await admin('POST', `/v1/requests/${id}/extend`, { reason: 'again' })).status).toBe(409);
    expect(await mailText(customerEmail(2), id)).toContain('需要向档案部门调取纸质记录');
  }, 60_000);

  it('requests, exclusion, escalation, outcomes, detail reads and copy downloads are in the audit trail; unknown ids are 404', async () => {
    expect((await admin('GET', `/v1/requests/${ids['explanation'] as string}`)).status).toBe(200);
    const res = await admin('GET', `/v1/cases/${caseId}/audit?limit=1000`);
    expect(res.status).toBe(200);
    const { events } = (await res.json()) as { events: Array<{ action: string; subject: { id: string }; data: Record<string, unknown> }> };
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'request.filed')).toHaveLength(4);
    expect(actions).toEqual(expect.arrayContaining(['customer.excluded', 'request.resolved', 'request.escalated', 'request.extended', 'request.correction-applied']));
    expect(events.find((e) => e.action === 'request.resolved' && e.subject.id === ids['delete'])?.data).toMatchObject({ outcome: 'refused', reasons: true });
    expect(JSON.stringify(events)).not.toContain('账务资料');
    // Reads of personal data: the detail read (a manager) and each copy download (the link's request id, no address).
    expect(events.find((e) => e.action === 'request.read' && e.subject.id === ids['explanation'])?.data).toEqual({ type: 'explanation' });
    expect(events.filter((e) => e.action === 'request.copy.downloaded' && e.subject.id === ids['access']).length).toBeGreaterThanOrEqual(2);
    for (const i of [0, 1, 2]) expect(JSON.stringify(events)).not.toContain(customerEmail(i));
    expect((await admin('POST', '/v1/requests/rq_unknown/resolve', { outcome: 'done' })).status).toBe(404);
    expect((await admin('GET', '/v1/requests?caseId=cs_unknown')).status).toBe(404);
  });
});
