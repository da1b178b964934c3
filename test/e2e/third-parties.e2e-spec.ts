import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { DEFAULT_TASK_QUEUE, thirdPartyWorkflowId, type ThirdPartyDeletionInput, type ThirdPartyDeletionResult } from '@handover/contracts';
import { MasterKey, portalTokenSigner } from '@handover/crypto';
import { connectTemporalClient } from '@handover/temporal';
import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface ThirdPartyRow {
  id: string;
  name: string;
  status: string;
  requestedAt: string | null;
  dueAt: string | null;
  confirmedAt: string | null;
  late: boolean;
  answerKind: string | null;
}

const LINK = /\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43})/;

/**
 * Issue 5, third parties, through the running services: a case of its own with two third parties;
 * the child workflow is started directly (PT-second deadline). One confirms through the portal JSON
 * before the deadline; the other gets a reminder, becomes overdue, the case manager gets one
 * escalation naming it, then it confirms late (recorded late, status confirmed).
 */
describe('third-party deletion confirmations (admin API, worker, portal, mail sink)', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const admin = adminToken();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const managerEmail = `tp.mgr.${stamp}@example.cn`;
  const prompt = { name: '及时云仓储有限公司', email: `tp.prompt.${stamp}@warehouse.example` };
  const tardy = { name: '迟到物流有限公司', email: `tp.tardy.${stamp}@logistics.example` };
  const masterKey = process.env['HANDOVER_MASTER_KEY'] ?? readFileSync(join(env.dataDir, 'secrets', 'master.key'), 'utf8').trim();
  let temporal: Client;
  let mongo: MongoClient;
  let caseId = '';
  const ids: Record<'prompt' | 'tardy', string> = { prompt: '', tardy: '' };

  const call = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const list = async (): Promise<ThirdPartyRow[]> => ((await (await call('GET', `/v1/cases/${caseId}/third-parties`)).json()) as { items: ThirdPartyRow[] }).items;
  const row = async (id: string): Promise<ThirdPartyRow> => {
    const found = (await list()).find((r) => r.id === id);
    if (!found) throw new Error(`third party ${id} not listed`);
    return found;
  };
  const confirm = (token: string, body: unknown): Promise<Response> =>
    fetch(`${env.portalUrl}/api/t/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const tokenIn = async (address: string, count = 1): Promise<string> => {
    const messages = await sink.waitFor(address, count, 20_000);
    expect(messages.length).toBeGreaterThanOrEqual(count);
    const message = await sink.message(messages[0]!.ID);
    const match = LINK.exec(message.Text);
    if (!match?.[1]) throw new Error('no third-party link in the request mail');
    return match[1];
  };

  beforeAll(async () => {
    temporal = await connectTemporalClient({ connection: { TEMPORAL_ADDRESS: env.temporalAddress }, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default', masterKey });
    mongo = await MongoClient.connect(env.mongoUri);
    const opened = await call('POST', '/v1/cases', {
      kind: 'bankruptcy',
      transferor: { name: '第三方测试珠宝店', contact: '0755-88881111' },
      manager: { name: '钱经理', email: managerEmail },
    });
    expect(opened.status).toBe(201);
    caseId = ((await opened.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await mongo?.close();
  });

  it('adds third parties (400 with the field at fault, 404 for an unknown case)', async () => {
    const bad = await call('POST', `/v1/cases/${caseId}/third-parties`, { name: 'x', email: 'not-an-address', categories: ['contact'] });
    expect(bad.status).toBe(400);
    expect([...new Set(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field))]).toEqual(['email']);
    expect((await call('POST', '/v1/cases/cs_nope/third-parties', { ...prompt, categories: ['contact'] })).status).toBe(404);
    expect((await call('GET', '/v1/cases/cs_nope/third-parties')).status).toBe(404);

    for (const [key, party] of [['prompt', prompt], ['tardy', tardy]] as const) {
      const added = await call('POST', `/v1/cases/${caseId}/third-parties`, { ...party, categories: ['contact', 'orders'] });
      expect(added.status).toBe(201);
      ids[key] = ((await added.json()) as { id: string }).id;
    }
    const rows = await list();
    expect(rows.map((r) => [r.name, r.status, r.late])).toEqual([
      [prompt.name, 'pending', false],
      [tardy.name, 'pending', false],
    ]);
    // Keyset pages in the order added, with the total on each page.
    type Page = { items: ThirdPartyRow[]; nextCursor: string | null; total: number };
    const first = (await (await call('GET', `/v1/cases/${caseId}/third-parties?limit=1`)).json()) as Page;
    expect(first).toMatchObject({ total: 2, items: [{ id: ids.prompt }] });
    const second = (await (await call('GET', `/v1/cases/${caseId}/third-parties?limit=1&cursor=${first.nextCursor ?? ''}`)).json()) as Page;
    expect(second).toMatchObject({ total: 2, items: [{ id: ids.tardy }], nextCursor: null });
    const badLimit = await call('GET', `/v1/cases/${caseId}/third-parties?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ fields: [{ field: 'limit' }] });
    // Names and addresses are ciphertext at rest.
    const stored = await mongo.db().collection('third_parties').find({ caseId }).toArray();
    const raw = JSON.stringify(stored);
    for (const value of [prompt.name, prompt.email, tardy.name, tardy.email]) expect(raw).not.toContain(value);
  });

  it('requests, reminds, escalates the overdue one to the manager, and accepts its late confirmation', async () => {
    const startedAt = Date.now();
    const deadline = new Date(startedAt + 12_000).toISOString();
    const input: ThirdPartyDeletionInput = { caseId, deadline, reminders: ['PT5S', 'PT1M'] };
    const handle = await temporal.workflow.start('thirdPartyDeletionWorkflow', {
      workflowId: thirdPartyWorkflowId(caseId),
      taskQueue: process.env['TEMPORAL_TASK_QUEUE'] ?? DEFAULT_TASK_QUEUE,
      args: [input],
    });

    // Both get their request with a signed link; both are requested with the deadline as due time.
    const promptToken = await tokenIn(prompt.email);
    const tardyToken = await tokenIn(tardy.email);
    const requested = await list();
    for (const r of requested) {
      expect(r.status).toBe('requested');
      expect(r.dueAt).toBe(deadline);
      expect(r.requestedAt).not.toBeNull();
    }

    // A bad token is a 404 with no hint: garbage, a tampered signature, a customer link for the same id.
    const customerToken = portalTokenSigner(MasterKey.fromBase64(masterKey)).sign({ purpose: 'customer', subject: ids.prompt, caseId, expiresAt: new Date(Date.now() + 86_400_000) });
    const tampered = `${promptToken.slice(0, -2)}${promptToken.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of ['nonsense', tampered, customerToken]) {
      const refused = await confirm(token, { confirmedBy: '张工', method: '安全擦除', deletedAt: '2026-01-01' });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'not found' });
      expect((await fetch(`${env.portalUrl}/t/${token}`)).status).toBe(404);
    }

    // The page renders (zh-CN by default, English on request) with the form.
    const page = await fetch(`${env.portalUrl}/t/${promptToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('charset=utf-8');
    const html = await page.text();
    expect(html).toContain(prompt.name);
    expect(html).toContain('个人信息删除确认');
    expect(html).toContain('name="csrf"');
    expect(await (await fetch(`${env.portalUrl}/t/${promptToken}?lang=en`)).text()).toContain('Confirmation of deletion of personal information');

    // The page's form: without its CSRF field 403; with it but no answer kind, the page again naming the field (400).
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const form = (fields: Record<string, string>) =>
      fetch(`${env.portalUrl}/t/${promptToken}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
    expect((await form({ confirmedBy: '张工' })).status).toBe(403);
    const noKind = await form({ csrf, lang: 'en', confirmedBy: '张工', kind: 'maybe' });
    expect(noKind.status).toBe(400);
    expect(await noKind.text()).toContain('Please check these fields: Your confirmation');

    // The prompt one confirms in time (400 first: who confirmed is required).
    const incomplete = await confirm(promptToken, { method: '安全擦除', deletedAt: '2026-01-01' });
    expect(incomplete.status).toBe(400);
    expect([...new Set(((await incomplete.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field))]).toEqual(['confirmedBy']);
    const confirmed = await confirm(promptToken, { confirmedBy: '张工（信息安全主管）', method: '数据库记录删除并覆写备份', deletedAt: new Date().toISOString() });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'confirmed', kind: 'deleted', late: false });
    const changed = await confirm(promptToken, { kind: 'not-held', confirmedBy: '张工' });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { code: string }).code).toBe('ALREADY_ANSWERED');

    // The reminder goes only to the one that has not answered.
    const tardyMail = await sink.waitFor(tardy.email, 2, 15_000);
    expect(tardyMail).toHaveLength(2);
    expect(tardyMail.some((m) => m.Subject.includes('提醒'))).toBe(true);
    expect(await sink.messagesTo(prompt.email)).toHaveLength(1);

    // At the deadline: overdue, one escalation naming it (and not the one that confirmed), and the workflow returns.
    const result = (await handle.result()) as ThirdPartyDeletionResult;
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(deadline));
    expect(result).toEqual({ total: 2, confirmed: 1, exceptions: 0, overdue: 1, late: 0 });
    const escalations = await sink.waitFor(managerEmail, 1, 10_000);
    expect(escalations).toHaveLength(1);
    const escalation = await sink.message(escalations[0]!.ID);
    expect(escalation.Text).toContain(tardy.name);
    expect(escalation.Text).toContain(ids.tardy);
    expect(escalation.Text).not.toContain(prompt.name);
    expect(await row(ids.tardy)).toMatchObject({ status: 'overdue', late: false, confirmedAt: null });
    expect(await row(ids.prompt)).toMatchObject({ status: 'confirmed', late: false, answerKind: 'deleted' });
    expect((await fetch(`${env.portalUrl}/t/${tardyToken}`).then((r) => r.text()))).toContain('已逾期');

    // The late confirmation is accepted after the workflow returned, and recorded as late.
    const late = await confirm(tardyToken, { confirmedBy: 'Li Lei, DPO', method: 'secure erase', deletedAt: new Date().toISOString().slice(0, 10) });
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ status: 'confirmed', late: true });
    const after = await row(ids.tardy);
    expect(after).toMatchObject({ status: 'confirmed', late: true, answerKind: 'deleted' });
    expect(Date.parse(after.confirmedAt ?? '')).toBeGreaterThan(Date.parse(after.dueAt ?? ''));
    expect(await sink.messagesTo(managerEmail)).toHaveLength(1);

    // The case counters read the projection on the documents.
    type Status = { counters: { thirdParties: number; thirdPartiesConfirmed: number } };
    const status = await waitUntil(async () => (await (await call('GET', `/v1/cases/${caseId}`)).json()) as Status, (v) => v.counters.thirdPartiesConfirmed === 2, 5_000, 'confirmations counted');
    expect(status.counters).toMatchObject({ thirdParties: 2, thirdPartiesConfirmed: 2 });
    // The evidence: one answer per third party, who confirmed encrypted, the token's hash only.
    const answers = await waitUntil(
      () => mongo.db().collection('third_party_answers').find({ caseId }).toArray(),
      (docs) => docs.length === 2,
      5_000,
      'two answers',
    );
    const evidence = JSON.stringify(answers);
    for (const value of ['张工', 'Li Lei', promptToken, tardyToken]) expect(evidence).not.toContain(value);
  });
});
