import { generateKeyPairSync } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { adminToken, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  gates: Array<{ name: string; state: string }>;
}

interface Certificate {
  id: string;
  stage: string;
  count: number;
  method: string;
  at: string;
  recordsDigest: string;
  destroyedKeyIdHashes: string[];
}

/**
 * Issue 14, "Served" and the PDF report (Must show 6), through the public API only: a small asset
 * sale driven to `closed` with short policy durations; then its deletion certificates page by
 * page, its PDF report, whose extracted text holds the case's Chinese party names, and an interim
 * report read before the closure gate, a customer's answer evidence, the PIIA versions and the
 * public announcement.
 */
describe('what a case serves: certificates, the PDF report, the interim report', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const gatePending = (caseId: string, gate: string) =>
    waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} gate pending`);
  const approve = async (caseId: string, gate: string) => {
    await gatePending(caseId, gate);
    expect((await post(`/v1/cases/${caseId}/gates/${gate}/approve`)).status).toBe(200);
  };
  const portalPost = (path: string, body: unknown) =>
    fetch(`${env.portalUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const linkIn = async (address: string, kind: 'c' | 'r' | 't'): Promise<string> => {
    const messages = await waitUntil(() => sink.messagesTo(address), (list) => list.length > 0, 90_000, `mail to ${kind} link`);
    const message = await sink.message(messages[0]!.ID);
    const match = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`).exec(message.Text);
    if (!match?.[1]) throw new Error(`no /${kind}/ link in the mail`);
    return match[1];
  };

  const transferor = `华东珠宝转让方${stamp}`;
  const recipient = `上海受让方珠宝${stamp}`;
  let caseId = '';
  /** Read while the closure gate is pending. */
  let interim: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  let interimPdf: { status: number; type: string | null; bytes: Uint8Array } = { status: 0, type: null, bytes: new Uint8Array() };
  let finalBeforeClosure = 0;
  let announcementInDraft: { status: number; code?: string } = { status: 0 };
  let announcement: { status: number; body: { count?: number; mailing?: string; wordingVersion?: string; text?: Record<string, string> } } = { status: 0, body: {} };
  let evidence: { status: number; body: { ref?: string; decision?: string; evidence?: Array<Record<string, string>> } } = { status: 0, body: {} };
  let unknownCustomer = 0;
  let customerRef = '';

  beforeAll(async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const recipientEmail = `dpo.${stamp}@buyer.example`;
    const created = await post('/v1/cases', {
      kind: 'asset-sale',
      transferor: { name: transferor, contact: '010-12345678' },
      recipient: { name: recipient, contact: '021-87654321', email: recipientEmail, country: 'CN', publicKey: keys.publicKey },
      manager: { name: '王经理', email: `mgr.${stamp}@example.cn` },
      policy: { waitingPeriod: 'PT6S', consentDeadline: 'PT6S', thirdPartyDeadline: 'PT30S', sensitive: 'separate-consent' },
    });
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    const draft = await api(`/v1/cases/${caseId}/announcement`);
    announcementInDraft = { status: draft.status, code: ((await draft.json()) as { code?: string }).code };
    const rows = ['s1', 's2', 's3'].map((id) => ({ customer_id: `${id}-${stamp}`, type: 'individual', name: `客户${id}${stamp}`, email: `${id}.${stamp}@customers.example`, products: ['黄金'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.map((row) => JSON.stringify(row)).join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');
    const partner = `tp.${stamp}@partner.example`;
    expect((await post(`/v1/cases/${caseId}/third-parties`, { name: '快递伙伴', email: partner, categories: ['contact'] })).status).toBe(201);
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await approve(caseId, 'inventory');
    await approve(caseId, 'notices');
    const consent = await portalPost(`/api/c/${await linkIn(`s1.${stamp}@customers.example`, 'c')}`, { decision: 'consent' });
    expect(consent.status).toBe(200);
    // The customer's reference (a blind index, never personal data) from their access request.
    const filed = await post('/v1/requests', { caseId, customerId: `s1-${stamp}`, type: 'access' });
    expect(filed.status).toBe(201);
    const requestId = ((await filed.json()) as { id: string }).id;
    customerRef = ((await (await api(`/v1/requests/${requestId}`)).json()) as { customerRef: string }).customerRef;
    const read = await api(`/v1/cases/${caseId}/customers/${customerRef}/evidence`);
    evidence = { status: read.status, body: (await read.json()) as typeof evidence.body };
    unknownCustomer = (await api(`/v1/cases/${caseId}/customers/${'0'.repeat(32)}/evidence`)).status;
    expect((await post(`/v1/requests/${requestId}/resolve`, { outcome: 'done' })).status).toBe(200);
    const stored = await api(`/v1/cases/${caseId}/announcement`);
    announcement = { status: stored.status, body: (await stored.json()) as typeof announcement.body };
    await approve(caseId, 'handover');
    expect((await portalPost(`/api/r/${await linkIn(recipientEmail, 'r')}`, { acknowledgedBy: '受让方数据保护负责人' })).status).toBe(200);
    expect((await portalPost(`/api/t/${await linkIn(partner, 't')}`, { kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() })).status).toBe(200);
    await gatePending(caseId, 'closure');
    const json = await api(`/v1/cases/${caseId}/report?interim=true`);
    interim = { status: json.status, body: (await json.json()) as Record<string, unknown> };
    const pdf = await api(`/v1/cases/${caseId}/report?interim=true&format=pdf`);
    interimPdf = { status: pdf.status, type: pdf.headers.get('content-type'), bytes: new Uint8Array(await pdf.arrayBuffer()) };
    finalBeforeClosure = (await api(`/v1/cases/${caseId}/report`)).status;
    await approve(caseId, 'closure');
    await waitUntil(() => view(caseId), (v) => v.status === 'closed', 120_000, 'case closed');
  }, 600_000);

  it('GET /v1/cases/{id}/certificates: every stage, paged, digests and counts only', async () => {
    const all: Certificate[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let total = -1;
    do {
      const res = await api(`/v1/cases/${caseId}/certificates?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Certificate[]; nextCursor: string | null; total: number };
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      if (total < 0) total = page.total;
      expect(page.total).toBe(total);
    } while (cursor && pages < 10);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(pages).toBeGreaterThan(1);
    expect(all.map((c) => c.stage)).toEqual(expect.arrayContaining(['not-transferred', 'transferred-copies', 'quarantine-and-uploads', 'case-key']));
    expect(all.find((c) => c.stage === 'not-transferred')?.count).toBe(2);
    expect(all.find((c) => c.stage === 'case-key')).toMatchObject({ count: 1, destroyedKeyIdHashes: [expect.stringMatching(/^[0-9a-f]{64}$/)] });
    for (const c of all) {
      expect(c.recordsDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(c.at)).not.toBeNaN();
    }
    // Issued in order, and nothing of a customer in them.
    expect(all.map((c) => c.at)).toEqual([...all.map((c) => c.at)].sort());
    expect(JSON.stringify(all)).not.toContain(stamp);
    expect((await api(`/v1/cases/${caseId}/certificates?cursor=not-a-cursor`)).status).toBe(400);
    expect((await api('/v1/cases/cs_unknown/certificates')).status).toBe(404);
  });

  it('GET /v1/cases/{id}/report?format=pdf: A4, page numbers, the Chinese party names in its text', async () => {
    const res = await api(`/v1/cases/${caseId}/report?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = await getDocumentProxy(bytes);
    const first = await pdf.getPage(1);
    const [, , width, height] = first.view;
    // A4 is 595.28 × 841.89 points (Chromium rounds the page to 1/100 inch: 595.92 × 842.88).
    expect(Math.abs(width! - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(height! - 841.89)).toBeLessThan(1.5);
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    // NFKC: the CJK font maps some glyphs to their Kangxi radical code points (⽅ U+2F45 for 方).
    const pages = (text as string[]).map((page) => page.normalize('NFKC').replace(/\s+/g, ''));
    expect(totalPages).toBeGreaterThan(1);
    const all = pages.join('');
    expect(all).toContain(transferor);
    expect(all).toContain(recipient);
    expect(all).toContain('合规报告');
    // The footer numbers every page "n / total"; the last page holds the audit chain's state.
    pages.forEach((page, i) => expect(page).toContain(`${i + 1}/${totalPages}`));
    expect(pages[pages.length - 1]).toContain('审计链/Audittrail');
  });

  it('GET /v1/cases/{id}/report?interim=true before closure: built on demand, marked interim, not the final report', async () => {
    expect(interim.status).toBe(200);
    expect(interim.body).toMatchObject({ caseId, interim: true, case: { transferor, recipient, status: 'running' } });
    expect(interim.body['reconciliation']).toEqual(expect.any(Array));
    // Nothing stored as the final report meanwhile: it was still 409 before the closure gate.
    expect(finalBeforeClosure).toBe(409);
    expect(interimPdf.status).toBe(200);
    expect(interimPdf.type).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(interimPdf.bytes), { mergePages: true });
    const flat = (text as string).normalize('NFKC').replace(/\s+/g, '');
    expect(flat).toContain('中期合规报告');
    expect(flat).toContain(transferor);
    // The final report is not interim; after closure an interim one is refused.
    const final = (await (await api(`/v1/cases/${caseId}/report`)).json()) as Record<string, unknown>;
    expect(final['interim']).toBeUndefined();
    const refused = await api(`/v1/cases/${caseId}/report?interim=true`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('CASE_CLOSED');
    const invalid = await api(`/v1/cases/${caseId}/report?interim=yes`);
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('interim');
  });

  it("GET /v1/cases/{id}/customers/{ref}/evidence: the customer's answer, decrypted, each read audited; 409 once the key is shredded", async () => {
    expect(evidence.status).toBe(200);
    expect(evidence.body).toMatchObject({ ref: customerRef, decision: 'consent' });
    expect(evidence.body.evidence).toHaveLength(1);
    const [record] = evidence.body.evidence!;
    expect(record).toMatchObject({ decision: 'consent', channel: 'portal-json', wordingVersion: expect.any(String), tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Decrypted: an address and the client's user agent, not ciphertext.
    expect(record!['ip']).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(record!['userAgent']).not.toBe('');
    expect(unknownCustomer).toBe(404);
    const events: Array<{ action: string; subject: { type: string; id: string } }> = [];
    let after = 0;
    for (;;) {
      const page = (await (await api(`/v1/cases/${caseId}/audit?after=${after}&limit=500`)).json()) as { events: Array<{ seq: number; action: string; subject: { type: string; id: string } }>; next: number | null };
      events.push(...page.events);
      if (page.next === null || page.next === undefined || page.events.length === 0) break;
      after = page.next;
    }
    expect(events.filter((e) => e.action === 'customer.evidence.read').map((e) => e.subject)).toEqual([{ type: 'customer', id: customerRef }]);
    const shredded = await api(`/v1/cases/${caseId}/customers/${customerRef}/evidence`);
    expect(shredded.status).toBe(409);
    expect(((await shredded.json()) as { code: string }).code).toBe('CASE_KEY_SHREDDED');
  });

  it('GET /v1/cases/{id}/piia?version=N: a stored version; 404 for one never stored, 400 for a bad one', async () => {
    const latest = (await (await api(`/v1/cases/${caseId}/piia`)).json()) as { version: number };
    expect(latest.version).toBeGreaterThanOrEqual(1);
    const first = await api(`/v1/cases/${caseId}/piia?version=1`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { version: number; caseId: string })).toMatchObject({ version: 1, caseId });
    expect((await api(`/v1/cases/${caseId}/piia?version=${latest.version + 1}`)).status).toBe(404);
    const bad = await api(`/v1/cases/${caseId}/piia?version=abc`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('version');
  });

  it('GET /v1/cases/{id}/announcement: 409 before the notices, then the stored text in zh-CN and en', async () => {
    expect(announcementInDraft).toEqual({ status: 409, code: 'ANNOUNCEMENT_NOT_READY' });
    expect(announcement.status).toBe(200);
    expect(announcement.body).toMatchObject({ count: 0, mailing: 'notice', wordingVersion: expect.stringMatching(/^announcement\//) });
    expect(announcement.body.text?.['zh-CN']).toContain(recipient);
    expect(announcement.body.text?.en).toContain(recipient);
    // Still served after closure (organisation names and dates only).
    expect((await api(`/v1/cases/${caseId}/announcement`)).status).toBe(200);
  });
});
