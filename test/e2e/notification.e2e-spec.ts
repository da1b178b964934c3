import { MongoClient } from 'mongodb';
import { adminToken, CHINESE_HEADER, gbkCsv, luhnCard, MailSinkClient, testEnv, waitUntil, type SinkSummary } from '@handover/testing';

interface CaseView {
  phase: string;
  gates: Array<{ name: string; state: string }>;
  counters: Record<string, number>;
  routes?: { byRoute: Record<string, number> };
}

/**
 * Issue 4, Must show 1, through the running services: a case of mixed routes is mailed (one
 * message per reachable customer, each with a working personal link), customers answer through
 * the portal JSON and the HTML page, counters follow, and at the deadline silence is no consent.
 */
describe('notices, answers and outcomes through the admin API, worker, mail sink and portal', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = Date.now().toString(36);
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const approve = (caseId: string, gate: string) =>
    api(`/v1/cases/${caseId}/gates/${gate}/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  // 120 adults on the notice route, 60 with a bank card (policy: sensitive → separate consent),
  // 20 minors (guardian consent), 1 with neither email nor phone (public announcement).
  const people = [
    ...Array.from({ length: 120 }, (_, i) => ({ kind: 'notice', email: `n${i}.${stamp}@example.cn`, card: '', birth: '1980-01-01' })),
    ...Array.from({ length: 60 }, (_, i) => ({ kind: 'consent', email: `s${i}.${stamp}@example.cn`, card: luhnCard(`62220210${String(1_000_000 + i)}`), birth: '1981-02-02' })),
    ...Array.from({ length: 20 }, (_, i) => ({ kind: 'guardian', email: `g${i}.${stamp}@example.cn`, card: '', birth: '2018-03-03' })),
  ];
  const reachable = people.length;
  let caseId: string;
  const messages = new Map<string, SinkSummary[]>();

  beforeAll(async () => {
    const created = await api('/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'merger',
        transferor: { name: '甲商贸有限公司', contact: '010-55555555' },
        recipient: { name: '乙商贸有限公司', contact: '021-77777777', email: 'dpo@yi.example', country: 'CN' },
        manager: { name: '赵经理', email: `mgr.notify.${stamp}@example.cn` },
        policy: { waitingPeriod: 'PT45S', consentDeadline: 'PT45S', reminders: ['PT20S'], sensitive: 'separate-consent' },
      }),
    });
    caseId = ((await created.json()) as { id: string }).id;
    // No ID numbers: they are sensitive too (GB/T 35273 App. B) and would move everyone to consent.
    const rows = people.map((p, i) => [`N${stamp}-${i}`, '个人', `客户${i}`, p.email, '', '', p.birth, '', '', '', '', p.card, '']);
    rows.push([`N${stamp}-x`, '个人', '无联系方式', '', '', '', '', '', '', '', '', '', '']);
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: gbkCsv([CHINESE_HEADER, ...rows]) });
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');
    expect((await api(`/v1/cases/${caseId}/start`, { method: 'POST' })).status).toBe(202);
    await waitUntil(() => view(caseId), (v) => v.gates[0]?.state === 'pending', 60_000, 'inventory gate pending');
    expect((await approve(caseId, 'inventory')).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.gates[1]?.state === 'pending', 60_000, 'notices gate pending');
  }, 240_000);

  it('routes the inventory: notice, separate consent (sensitive policy) and guardian consent', async () => {
    const v = await view(caseId);
    expect(v.routes?.byRoute).toMatchObject({ notice: 121, 'separate-consent': 60, 'guardian-consent': 20 });
  });

  it('mails every reachable customer exactly one notice with a working personal link', async () => {
    expect((await approve(caseId, 'notices')).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.counters['notified'] === reachable, 120_000, 'all notices sent');
    for (const p of people) {
      const got = (await sink.messagesTo(p.email)).filter((m) => !m.Subject.includes('提醒') && !m.Subject.includes('Reminder'));
      messages.set(p.email, got);
      expect({ email: p.kind, count: got.length }).toEqual({ email: p.kind, count: 1 });
    }
    const sample = await sink.message(messages.get(people[0]!.email)![0]!.ID);
    const link = /https?:\/\/\S+\/c\/[A-Za-z0-9._-]+/.exec(sample.Text)?.[0];
    expect(link).toBeDefined();
    const page = await fetch(`${env.portalUrl}/api/c/${link!.split('/c/')[1]}`);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ route: 'notice', recipient: { name: '乙商贸有限公司' } });
  }, 240_000);

  const linkOf = async (email: string): Promise<string> => {
    const mail = await sink.message(messages.get(email)![0]!.ID);
    return /\/c\/([A-Za-z0-9._-]+)/.exec(mail.Text)![1]!;
  };

  it('records answers from the JSON API and the HTML form, and the counters follow', async () => {
    const consent = people.filter((p) => p.kind === 'consent');
    const notice = people.filter((p) => p.kind === 'notice');
    const answer = async (email: string, decision: string) =>
      fetch(`${env.portalUrl}/api/c/${await linkOf(email)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision }) });
    for (const p of consent.slice(0, 20)) expect((await answer(p.email, 'consent')).status).toBe(200);
    for (const p of consent.slice(20, 30)) expect((await answer(p.email, 'refuse')).status).toBe(200);
    for (const p of notice.slice(0, 5)) expect((await answer(p.email, 'object')).status).toBe(200);

    // One guardian consents through the page: read the form's CSRF field, post it like a browser.
    const token = await linkOf(people.find((p) => p.kind === 'guardian')!.email);
    const html = await (await fetch(`${env.portalUrl}/c/${token}`)).text();
    const csrf = /name="(_csrf|csrf)" value="([^"]+)"/.exec(html);
    expect(csrf).not.toBeNull();
    const posted = await fetch(`${env.portalUrl}/c/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [csrf![1]!]: csrf![2]!, decision: 'consent' }).toString(),
    });
    expect(posted.status).toBe(303);

    const counters = (await waitUntil(() => view(caseId), (v) => v.counters['consented'] === 21 && v.counters['objected'] === 5, 5_000, 'answers counted')).counters;
    expect(counters).toMatchObject({ consented: 21, refused: 10, objected: 5 });
    expect(counters['noResponse']).toBe(60 + 20 - 21 - 10);
  }, 120_000);

  it('at the deadline silence is no consent: outcomes follow route and answer', async () => {
    const after = await waitUntil(() => view(caseId), (v) => v.phase === 'handover', 150_000, 'phase handover after the deadline');
    // notice route: 121 minus 5 objections; consent routes: only the 21 who consented.
    expect(after.counters['transferred']).toBe(121 - 5 + 21);
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const customers = client.db().collection('customers');
      expect(await customers.countDocuments({ caseId, outcome: 'not-transfer', route: { $in: ['separate-consent', 'guardian-consent'] } })).toBe(80 - 21);
    } finally {
      await client.close();
    }
    // Reminders went only to consent routes that had not answered by then, never to notice routes.
    const reminded = await sink.messagesTo(people.find((p) => p.kind === 'notice')!.email);
    expect(reminded).toHaveLength(1);
  }, 200_000);
});
