import { randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { hashToken, isCiphertext, MasterKey, portalTokenSigner } from '@handover/crypto';
import { adminToken, waitUntil } from '@handover/testing';
import { customersOn, PortalFixture, RECIPIENT, type PortalCase } from './portal-fixture';

/**
 * Issue 4, the customer portal through the running services: links signed like the mailing signs
 * them; answers through JSON and the HTML form; evidence; bad links; CSRF; deadlines.
 */
describe('customer portal', () => {
  const fx = new PortalFixture();
  const userAgent = 'handover-e2e-portal/1.0 (canary-ua-7f3a)';
  const json = { 'content-type': 'application/json', 'user-agent': userAgent };
  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  let consentCase: PortalCase;
  let noticeCase: PortalCase;

  const post = (url: string, body: unknown, lang = ''): Promise<Response> =>
    fetch(`${url}${lang}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  const form = (url: string, fields: Record<string, string>): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent },
      body: new URLSearchParams(fields).toString(),
    });
  const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    [consentCase, noticeCase] = await Promise.all([fx.openCase('asset-sale', 4, { withMinor: true }), fx.openCase('merger', 3)]);
    await fx.setDeadlines(consentCase.caseId, { noticeDeadline: inAMonth, consentDeadline: inAMonth });
    await fx.setDeadlines(noticeCase.caseId, { noticeDeadline: inAMonth, consentDeadline: inAMonth });
  }, 180_000);

  afterAll(async () => {
    await fx.close();
  });

  it('routes the fixture as expected (asset sale: consent; minor: guardian; merger: notice)', () => {
    expect(customersOn(consentCase, 'separate-consent')).toHaveLength(4);
    expect(customersOn(consentCase, 'guardian-consent')).toHaveLength(1);
    expect(customersOn(noticeCase, 'notice')).toHaveLength(3);
  });

  it('shows route, deadline, recipient and no decision as JSON', async () => {
    const customer = customersOn(consentCase, 'separate-consent')[0]!;
    const res = await fetch(fx.apiUrl(fx.sign(consentCase.caseId, customer.ref)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.json()).toEqual({ route: 'separate-consent', deadline: inAMonth.toISOString(), recipient: RECIPIENT });
  });

  it('records a consent through JSON, idempotently, with evidence and the case counter following', async () => {
    const customer = customersOn(consentCase, 'separate-consent')[0]!;
    const token = fx.sign(consentCase.caseId, customer.ref);
    const first = await post(fx.apiUrl(token), { decision: 'consent' });
    expect(first.status).toBe(200);
    const recorded = (await first.json()) as { decision: string; recordedAt: string };
    expect(recorded.decision).toBe('consent');
    expect(Date.parse(recorded.recordedAt)).toBeGreaterThan(Date.now() - 60_000);

    const again = await post(fx.apiUrl(token), { decision: 'consent' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(recorded);
    expect(((await (await fetch(fx.apiUrl(token))).json()) as { decision?: string }).decision).toBe('consent');

    const db = await fx.db();
    const evidence = await db.collection('consent_evidence').find({ caseId: consentCase.caseId, ref: customer.ref }).toArray();
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      decision: 'consent', scope: 'separate-consent', channel: 'portal-json', tokenHash: hashToken(token), wordingVersion: 'notice/zh-CN/2026.1',
    });
    expect(isCiphertext(evidence[0]!['ipEnc'])).toBe(true);
    expect(isCiphertext(evidence[0]!['userAgentEnc'])).toBe(true);
    const raw = JSON.stringify(await db.collection('consent_evidence').find({ caseId: consentCase.caseId }).toArray());
    expect(raw).not.toMatch(/127\.0\.0\.1|::1/);
    expect(raw).not.toContain('canary-ua-7f3a');
    expect(raw).not.toContain(token);

    // The case status shows an answer within seconds (its projector folds the answer's fact in).
    const status = async (): Promise<{ counters: { consented: number } }> =>
      (await fetch(`${fx.env.adminUrl}/v1/cases/${consentCase.caseId}`, { headers: { authorization: `Bearer ${adminToken()}` } })).json() as Promise<{ counters: { consented: number } }>;
    await waitUntil(status, (v) => v.counters.consented === 1, 5_000, 'the consent counted in the case status');
  });

  it('withdraws a consent (state `withdrawn`, evidence kept) and records the English wording version', async () => {
    const customer = customersOn(consentCase, 'separate-consent')[0]!;
    const token = fx.sign(consentCase.caseId, customer.ref);
    const res = await post(fx.apiUrl(token), { decision: 'withdraw' }, '?lang=en');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { decision: string }).decision).toBe('withdrawn');
    const evidence = await (await fx.db()).collection('consent_evidence').find({ caseId: consentCase.caseId, ref: customer.ref }).sort({ at: 1 }).toArray();
    expect(evidence.map((e) => [e['decision'], e['wordingVersion']])).toEqual([
      ['consent', 'notice/zh-CN/2026.1'],
      ['withdraw', 'notice/en/2026.1'],
    ]);
    // Each answer is its own audit event, its actor the link's subject (the ref), never an address.
    const trail = (await (await fetch(`${fx.env.adminUrl}/v1/cases/${consentCase.caseId}/audit?limit=1000`, { headers: { authorization: `Bearer ${adminToken()}` } })).json()) as {
      events: Array<{ action: string; actor: { id: string; role: string }; subject: { id: string } }>;
    };
    const mine = trail.events.filter((e) => e.subject.id === customer.ref).map((e) => [e.action, e.actor.id, e.actor.role]);
    expect(mine).toEqual(expect.arrayContaining([['consent.given', customer.ref, 'customer'], ['consent.withdrawn', customer.ref, 'customer']]));
  });

  it('answers 409 with a code for a decision that does not fit the route', async () => {
    const consenting = customersOn(consentCase, 'guardian-consent')[0]!;
    const objecting = customersOn(noticeCase, 'notice')[0]!;
    const onConsentRoute = await post(fx.apiUrl(fx.sign(consentCase.caseId, consenting.ref)), { decision: 'object' });
    expect(onConsentRoute.status).toBe(409);
    expect(await onConsentRoute.json()).toMatchObject({ statusCode: 409, code: 'WRONG_DECISION_FOR_ROUTE' });
    const onNoticeRoute = await post(fx.apiUrl(fx.sign(noticeCase.caseId, objecting.ref)), { decision: 'consent' });
    expect(onNoticeRoute.status).toBe(409);
    expect(await onNoticeRoute.json()).toMatchObject({ code: 'WRONG_DECISION_FOR_ROUTE' });
    expect(await (await fx.db()).collection('consent_evidence').countDocuments({ ref: { $in: [consenting.ref, objecting.ref] } })).toBe(0);
  });

  it('answers 400 naming the field for an unknown or missing decision', async () => {
    const token = fx.sign(noticeCase.caseId, customersOn(noticeCase, 'notice')[0]!.ref);
    const unknown = await post(fx.apiUrl(token), { decision: 'maybe' });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { code: string; fields: Array<{ field: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f) => f.field)).toEqual(['decision']);
    expect(JSON.stringify(body)).not.toContain('maybe');
    expect((await post(fx.apiUrl(token), {})).status).toBe(400);
    const malformed = await fetch(fx.apiUrl(token), { method: 'POST', headers: json, body: '{"decision": "obj' });
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.text();
    expect(JSON.parse(malformedBody)).toMatchObject({ code: 'MALFORMED_BODY' });
    expect(malformedBody).not.toContain('obj');
  });

  it('answers forged, expired, wrong-purpose and unknown-customer links with the same 404 on page and JSON', async () => {
    const { caseId } = noticeCase;
    const ref = customersOn(noticeCase, 'notice')[1]!.ref;
    const good = fx.sign(caseId, ref);
    const bad = {
      forged: portalTokenSigner(MasterKey.generate()).sign({ purpose: 'customer', subject: ref, caseId, expiresAt: inAMonth }),
      tampered: `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`,
      expired: fx.sign(caseId, ref, { expiresAt: new Date(Date.now() - 1000) }),
      wrongPurpose: fx.sign(caseId, ref, { purpose: 'third-party' }),
      unknownCustomer: fx.sign(caseId, 'f'.repeat(32)),
    };
    const pages = new Set<string>();
    const bodies = new Set<string>();
    for (const [kind, token] of Object.entries(bad)) {
      const page = await fetch(fx.pageUrl(token));
      const api = await fetch(fx.apiUrl(token));
      const answer = await post(fx.apiUrl(token), { decision: 'object' });
      expect({ kind, page: page.status, api: api.status, answer: answer.status }).toEqual({ kind, page: 404, api: 404, answer: 404 });
      pages.add(await page.text());
      bodies.add(await api.text());
      bodies.add(await answer.text());
    }
    // The link is verified before the body is read: a bad link with a malformed body is still the 404.
    const malformed = await fetch(fx.apiUrl(bad.forged), { method: 'POST', headers: json, body: '{"decision": "obj' });
    expect(malformed.status).toBe(404);
    bodies.add(await malformed.text());
    expect(pages.size).toBe(1);
    expect([...pages][0]).toContain('链接无效或已过期');
    expect([...bodies]).toEqual(['{"statusCode":404,"code":"NOT_FOUND","message":"not found"}']);
    expect(await (await fx.db()).collection('consent_evidence').countDocuments({ caseId, ref })).toBe(0);
    expect((await fetch(fx.pageUrl(good))).status).toBe(200);
  });

  it('has no third-party or recipient routes yet', async () => {
    const token = fx.sign(noticeCase.caseId, 'tp_1', { purpose: 'third-party' });
    for (const path of [`/t/${token}`, `/api/t/${token}`, `/r/${token}`, `/api/r/${token}`]) {
      expect({ path, status: (await fetch(`${fx.env.portalUrl}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('serves the HTML page and records a refusal through the form (CSRF checked), then confirms it', async () => {
    const customer = customersOn(consentCase, 'separate-consent')[1]!;
    const token = fx.sign(consentCase.caseId, customer.ref);
    const page = await fetch(fx.pageUrl(token));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(RECIPIENT.name);
    expect(html).toContain(RECIPIENT.contact);
    expect(html).toContain('需要您的单独同意');
    const csrf = csrfOf(html);
    expect(csrf).not.toBe('');

    expect((await form(fx.pageUrl(token), { decision: 'refuse' })).status).toBe(403);
    const otherCsrf = csrfOf(await (await fetch(fx.pageUrl(fx.sign(consentCase.caseId, customersOn(consentCase, 'separate-consent')[2]!.ref)))).text());
    expect((await form(fx.pageUrl(token), { decision: 'refuse', csrf: otherCsrf })).status).toBe(403);
    expect(await (await fx.db()).collection('consent_evidence').countDocuments({ caseId: consentCase.caseId, ref: customer.ref })).toBe(0);

    const done = await form(fx.pageUrl(token), { decision: 'refuse', csrf, lang: 'zh-CN' });
    expect(done.status).toBe(303);
    const location = done.headers.get('location') ?? '';
    expect(location).toBe(`/c/${token}?recorded=refuse`);
    const confirmed = await (await fetch(`${fx.env.portalUrl}${location}`)).text();
    expect(confirmed).toContain('已记录您的拒绝');
    expect(confirmed).toContain('value="consent"'); // after a refusal the customer may still consent
    expect(confirmed).not.toContain('value="refuse"');
    const evidence = await (await fx.db()).collection('consent_evidence').findOne({ caseId: consentCase.caseId, ref: customer.ref });
    expect(evidence).toMatchObject({ decision: 'refuse', channel: 'portal-html', tokenHash: hashToken(token) });
  });

  it('shows a refused form answer on the page with 409', async () => {
    const customer = customersOn(consentCase, 'separate-consent')[2]!;
    const token = fx.sign(consentCase.caseId, customer.ref);
    const csrf = csrfOf(await (await fetch(fx.pageUrl(token, 'en'))).text());
    const res = await form(`${fx.pageUrl(token)}?lang=en`, { decision: 'withdraw', csrf, lang: 'en' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You have not consented, so there is nothing to withdraw.');
  });

  it('refuses answers after the deadline (409 DEADLINE_PASSED) while a repeat of an earlier answer stays 200', async () => {
    const [, early, late] = customersOn(noticeCase, 'notice');
    if (!early || !late) throw new Error('the fixture has three notice customers');
    const earlyToken = fx.sign(noticeCase.caseId, early.ref);
    expect((await post(fx.apiUrl(earlyToken), { decision: 'object' })).status).toBe(200);
    await fx.setDeadlines(noticeCase.caseId, { noticeDeadline: new Date(Date.now() - 1000), consentDeadline: inAMonth });
    const lateAnswer = await post(fx.apiUrl(fx.sign(noticeCase.caseId, late.ref)), { decision: 'object' });
    expect(lateAnswer.status).toBe(409);
    expect(await lateAnswer.json()).toMatchObject({ code: 'DEADLINE_PASSED' });
    expect((await post(fx.apiUrl(earlyToken), { decision: 'object' })).status).toBe(200);
    const page = await (await fetch(fx.pageUrl(fx.sign(noticeCase.caseId, late.ref)))).text();
    expect(page).toContain('答复期限已过');
    expect(page).not.toContain('<form');
  });

  it('limits each link per minute (429 with Retry-After) from whatever address, other links unaffected', async () => {
    const limit = Number(process.env['PORTAL_LINK_RATE_LIMIT_PER_MINUTE'] ?? 60);
    // The limit counts per clock minute: start early in one, so the burst stays inside it.
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (untilNextMinute < 20_000) await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 100));
    // A link no other test of this file opens (the limit counts every request on the link).
    const [other, , , limited] = customersOn(consentCase, 'separate-consent');
    if (!limited || !other) throw new Error('the fixture has four separate-consent customers');
    const url = new URL(fx.apiUrl(fx.sign(consentCase.caseId, limited.ref)));
    // Half the requests from another loopback address: the link's limit is not the address's.
    const elsewhere = `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(2, 255)}`;
    const get = (localAddress?: string) =>
      new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, localAddress }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
        });
        req.on('error', reject);
        req.end();
      });
    const answers: Array<{ status: number; retryAfter: string | undefined; body: string }> = [];
    for (let i = 0; i < limit + 5; i += 10) {
      answers.push(...(await Promise.all(Array.from({ length: Math.min(10, limit + 5 - i) }, (_, j) => get((i + j) % 2 ? elsewhere : undefined)))));
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(limit);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect((await fetch(fx.apiUrl(fx.sign(consentCase.caseId, other.ref)))).status).toBe(200);
  }, 120_000);
});
