import { generateKeyPairSync } from 'node:crypto';
import { createHash } from 'node:crypto';
import { BSON, MongoClient, type Db } from 'mongodb';
import { ciphertextKeyId, decryptPackageFile, isCiphertext, unwrapContentKey } from '@handover/crypto';
import { adminToken, luhnCard, MailSinkClient, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
  counters: Record<string, number>;
}

interface Manifest {
  records: number;
  byRoute: Record<string, number>;
  fields: string[];
  files: Array<{ name: string; sha256: string; plaintextSha256: string; iv: string; authTag: string; download: string }>;
  encryption: { wrappedKey: string };
}

/**
 * Issue 5, Must show 1–3, through the running services (admin API, worker, portal, mail sink):
 * an asset sale and a bankruptcy without a successor, each from import to `closed`. Customers
 * consent, refuse, object and stay silent; two third parties, one confirming only after it was
 * escalated as overdue; the recipient acknowledges; the package decrypts with the recipient's
 * key and holds exactly the transferred customers; the counters and the report reconcile; after
 * closure no collection holds a readable personal field of a deleted customer.
 */
describe('a case from import to closed', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const gatePending = (caseId: string, gate: string) =>
    waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} gate pending`);
  const portalPost = (path: string, body: unknown) =>
    fetch(`${env.portalUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const linkIn = async (address: string, kind: 'c' | 'r' | 't', subjectFilter: (subject: string) => boolean = () => true): Promise<string> => {
    const messages = await waitUntil(() => sink.messagesTo(address), (list) => list.some((m) => subjectFilter(m.Subject)), 90_000, `mail to ${kind} link`);
    const message = await sink.message(messages.find((m) => subjectFilter(m.Subject))!.ID);
    const match = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`).exec(message.Text);
    if (!match?.[1]) throw new Error(`no /${kind}/ link in the mail`);
    return match[1];
  };
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(env.mongoUri);
    db = client.db();
  });
  afterAll(async () => {
    await client?.close();
  });

  /** Opens, loads and starts a case, adds its third parties, and passes the inventory and notices gates. */
  async function runToNotices(input: { kind: string; recipient?: Record<string, unknown>; rows: Array<Record<string, unknown>>; thirdParties: string[] }) {
    const manager = `mgr.${input.kind}.${stamp}@example.cn`;
    const created = await post('/v1/cases', {
      kind: input.kind,
      transferor: { name: `转让方${input.kind}`, contact: '010-12345678' },
      ...(input.recipient && { recipient: input.recipient }),
      manager: { name: '李经理', email: manager },
      policy: { waitingPeriod: 'PT6S', consentDeadline: 'PT6S', thirdPartyDeadline: 'PT8S', sensitive: 'separate-consent' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const upload = await api(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: input.rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 120_000, 'import done');
    const thirdPartyEmails: string[] = [];
    for (const [i, name] of input.thirdParties.entries()) {
      const email = `tp${i}.${input.kind}.${stamp}@partner.example`;
      expect((await post(`/v1/cases/${caseId}/third-parties`, { name, email, categories: ['contact'] })).status).toBe(201);
      thirdPartyEmails.push(email);
    }
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await gatePending(caseId, 'inventory');
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await gatePending(caseId, 'notices');
    expect((await post(`/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
    return { caseId, manager, thirdPartyEmails };
  }

  /** The third parties: the first confirms at once, the second only after its escalation. */
  async function thirdPartiesConfirm(caseId: string, manager: string, emails: string[]) {
    const [first, second] = emails;
    const firstToken = await linkIn(first!, 't');
    expect((await portalPost(`/api/t/${firstToken}`, { kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() })).status).toBe(200);
    if (!second) return;
    const escalation = await waitUntil(() => sink.messagesTo(manager), (list) => list.length >= 2, 90_000, 'escalation to the manager');
    expect(escalation.length).toBeGreaterThanOrEqual(2);
    const overdue = await waitUntil(
      async () => ((await (await api(`/v1/cases/${caseId}/third-parties`)).json()) as { items: Array<{ status: string }> }).items,
      (list) => list.some((tp) => tp.status === 'overdue'),
      60_000,
      'a third party overdue',
    );
    expect(overdue.filter((tp) => tp.status === 'overdue')).toHaveLength(1);
    const secondToken = await linkIn(second, 't');
    expect((await portalPost(`/api/t/${secondToken}`, { kind: 'deleted', confirmedBy: '合规部', method: 'deleted from CRM', deletedAt: new Date().toISOString() })).status).toBe(200);
    const list = ((await (await api(`/v1/cases/${caseId}/third-parties`)).json()) as { items: Array<{ status: string; late: boolean }> }).items;
    expect(list.map((tp) => [tp.status, tp.late]).sort()).toEqual([
      ['confirmed', false],
      ['confirmed', true],
    ]);
    // The late answer arrives while the closure gate already waits (the phase ended at the escalation):
    // the status shows it within seconds (the projector folds every 500 ms), not at once.
    await waitUntil(() => view(caseId), (v) => v.counters.thirdPartiesConfirmed === emails.length, 15_000, 'both confirmations on the case status');
  }

  /** Closure gate → report → key shredded → closed; returns the report. */
  async function close(caseId: string) {
    await gatePending(caseId, 'closure');
    const before = await view(caseId);
    expect((await post(`/v1/cases/${caseId}/gates/closure/approve`)).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.status === 'closed', 90_000, 'case closed');
    const report = (await (await api(`/v1/cases/${caseId}/report`)).json()) as {
      reconciled: boolean;
      reconciliation: Array<{ check: string; ok: boolean }>;
      counts: { customers: number; dispositions: Record<string, number>; consented: number; refused: number; objected: number; noResponse: number };
      thirdParties: Array<{ status: string; late: boolean }>;
      deletion: { certificates: Array<{ stage: string; count: number }> };
      handover: { records: number; acknowledgedAt?: string } | null;
    };
    const html = await api(`/v1/cases/${caseId}/report?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Compliance report');
    return { before, report };
  }

  /** Must show 3: nothing of a deleted customer is readable anywhere once the case is closed. */
  async function expectNothingReadable(caseId: string, canaries: string[]) {
    expect(await db.collection('case_keys').countDocuments({ _id: caseId as never })).toBe(0);
    const remainingKeyIds = new Set((await db.collection<{ keyId: string }>('case_keys').find({}).toArray()).map((k) => k.keyId));
    const collections = (await db.listCollections().toArray()).map((c) => c.name);
    const found: string[] = [];
    const readable: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string') {
        if (isCiphertext(value) && remainingKeyIds.has(ciphertextKeyId(value) ?? '')) readable.push(where);
        return;
      }
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    };
    for (const name of collections) {
      for await (const doc of db.collection(name).find({})) {
        const bytes = Buffer.from(BSON.serialize(doc));
        for (const canary of canaries) if (bytes.includes(canary)) found.push(`${name}: ${canary}`);
        if (JSON.stringify(doc).includes(caseId)) walk(doc, `${name}.${String(doc['_id'])}`);
      }
    }
    expect(found).toEqual([]);
    expect(readable).toEqual([]);
  }

  /**
   * Issue 15, every step on the record: the closed case's trail holds an event of each kind the
   * workflow, the portal and the API cause, with the actor that caused it, no personal data, and
   * `verify` says valid.
   */
  async function expectWholeTrail(caseId: string, personal: string[]) {
    type Event = { seq: number; action: string; actor: { id: string; role: string }; subject: { type: string; id: string }; data: Record<string, unknown> };
    const events: Event[] = [];
    for (let after = 0; ; ) {
      const page = (await (await api(`/v1/cases/${caseId}/audit?after=${after}&limit=1000`)).json()) as { events: Event[]; next: number | null };
      events.push(...page.events);
      if (page.next === null) break;
      after = page.next;
    }
    const actions = new Set(events.map((e) => e.action));
    const expected = [
      'case.opened',
      'case.started',
      'phase.started',
      'phase.completed',
      'gate.approved',
      'mailing.requested',
      'mailing.batch.sent',
      'mailing.completed',
      'answer.submitted',
      'consent.given',
      'consent.refused',
      'answer.refused',
      'third-party.answer-submitted',
      'third-party.confirmed',
      'handover.acknowledgement-submitted',
      'handover.acknowledged',
      'deletion.requested',
      'deletion.stage-recorded',
      'certificate.issued',
      'case-key.shred-requested',
      'case-key.shredded',
      'case.closed',
    ];
    expect(expected.filter((action) => !actions.has(action))).toEqual([]);
    // Every phase entered is on the trail, in order; closure is completed before case.closed.
    const started = events.filter((e) => e.action === 'phase.started').map((e) => e.data['phase']);
    expect(started).toEqual(['inventory', 'legal-basis', 'notification', 'consent', 'handover', 'deletion', 'closure']);
    const seqOf = (action: string) => events.find((e) => e.action === action)?.seq ?? -1;
    expect(seqOf('case-key.shred-requested')).toBeLessThan(seqOf('case-key.shredded'));
    expect(seqOf('case-key.shredded')).toBeLessThan(seqOf('case.closed'));
    // One event per mailing batch: counts and a SHA-256 digest of its customer refs.
    const batches = events.filter((e) => e.action === 'mailing.batch.sent');
    expect(batches.find((e) => e.data['mailing'] === 'notice')?.data).toMatchObject({ customers: 8, failed: 0, customersDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Deletion stages: one per stage with its count and digest, each with its certificate.
    const stages = events.filter((e) => e.action === 'deletion.stage-recorded');
    expect(stages.find((e) => e.data['stage'] === 'not-transferred')?.data).toMatchObject({ count: 6, recordsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(events.filter((e) => e.action === 'certificate.issued').map((e) => e.data['stage'])).toEqual(expect.arrayContaining(stages.map((e) => e.data['stage'])));
    // Each answer by a person is its own event, its actor the link's subject (a ref, never an address).
    const answers = events.filter((e) => ['consent.given', 'consent.refused'].includes(e.action));
    expect(answers).toHaveLength(3);
    for (const e of answers) expect(e.actor).toEqual({ id: e.subject.id, role: 'customer' });
    expect(events.find((e) => e.action === 'answer.refused')?.data).toMatchObject({ decision: 'object' });
    expect(events.filter((e) => e.action === 'third-party.confirmed')).toHaveLength(2);
    expect(events.find((e) => e.action === 'case.closed')?.actor).toEqual({ id: 'workflow', role: 'system' });
    const raw = JSON.stringify(events);
    expect(personal.filter((value) => raw.includes(value))).toEqual([]);
    expect(raw).not.toContain('受让方数据保护负责人');
    expect((await (await api(`/v1/cases/${caseId}/audit/verify`)).json()) as { valid: boolean; events: number }).toMatchObject({ valid: true, events: events.length });
  }

  it('an asset sale: answers, handover acknowledged, third parties (one late), deletion, report', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const person = (id: string, extra: Record<string, unknown> = {}) => ({
      customer_id: `${id}-${stamp}`,
      type: 'individual',
      name: `客户${id}${stamp}`,
      email: `${id}.${stamp}@customers.example`,
      phone: '',
      products: ['黄金'],
      ...extra,
    });
    // An asset sale needs separate consent from everyone (docs/legal.md §1, PIPL Art. 23): c1 and c2
    // consent, c3 refuses, the rest stay silent (silence is never consent); an objection does not
    // apply to a consent route and is refused with 409.
    const rows = [
      ...['n1', 'n2', 'n3', 'n4'].map((id) => person(id)),
      ...['c1', 'c2', 'c3', 'c4'].map((id, i) => person(id, { bank_card: luhnCard(`62220210${String(3_000_000 + i)}`) })),
    ];
    const recipientEmail = `dpo.${stamp}@buyer.example`;
    const { caseId, manager, thirdPartyEmails } = await runToNotices({
      kind: 'asset-sale',
      recipient: { name: '受让方珠宝', contact: '021-87654321', email: recipientEmail, country: 'CN', publicKey: keys.publicKey },
      rows,
      thirdParties: ['快递伙伴', '支付伙伴'],
    });
    const answer = async (id: string, decision: string) => {
      const token = await linkIn(`${id}.${stamp}@customers.example`, 'c');
      const res = await portalPost(`/api/c/${token}`, { decision });
      expect({ id, status: res.status, body: res.status === 200 ? null : await res.text() }).toEqual({ id, status: 200, body: null });
    };
    const objection = await portalPost(`/api/c/${await linkIn(`n1.${stamp}@customers.example`, 'c')}`, { decision: 'object' });
    expect(objection.status).toBe(409);
    await answer('c1', 'consent');
    await answer('c2', 'consent');
    await answer('c3', 'refuse');

    await gatePending(caseId, 'handover');
    const atHandover = await view(caseId);
    expect(atHandover.counters).toMatchObject({ customers: 8, consented: 2, refused: 1, objected: 0, noResponse: 5, transferred: 2 });
    expect((await post(`/v1/cases/${caseId}/gates/handover/approve`)).status).toBe(200);

    // Must show 2: the package decrypts with the recipient's key, hashes match, exactly the transferred.
    const manifest = await waitUntil(async () => api(`/v1/cases/${caseId}/handover/package`), (res) => res.status === 200, 90_000, 'package built').then(async (res) => (await res.json()) as Manifest);
    expect(manifest.records).toBe(2);
    const contentKey = unwrapContentKey(keys.privateKey, manifest.encryption.wrappedKey);
    const records: Array<Record<string, unknown>> = [];
    for (const file of manifest.files) {
      const bytes = Buffer.from(await (await api(file.download)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      const plain = decryptPackageFile(contentKey, file.name, file, bytes);
      expect(createHash('sha256').update(plain).digest('hex')).toBe(file.plaintextSha256);
      if (file.name.startsWith('customers')) records.push(...plain.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
    }
    const ids = records.map((r) => String(r['customerId'])).sort();
    expect(ids).toEqual(['c1', 'c2'].map((id) => `${id}-${stamp}`).sort());

    const ack = await linkIn(recipientEmail, 'r');
    expect((await portalPost(`/api/r/${ack}`, { acknowledgedBy: '受让方数据保护负责人' })).status).toBe(200);
    await thirdPartiesConfirm(caseId, manager, thirdPartyEmails);

    const { before, report } = await close(caseId);
    expect(report.reconciled).toBe(true);
    expect(report.reconciliation.every((c) => c.ok)).toBe(true);
    expect(report.counts.dispositions).toEqual({ transferred: 2, held: 0, unchanged: 0, deleted: 6 });
    expect(report.counts).toMatchObject({ customers: 8, consented: 2, refused: 1, objected: 0, noResponse: 5 });
    expect(before.counters).toMatchObject({ transferred: 2, deleted: 6, onHold: 0, thirdParties: 2, thirdPartiesConfirmed: 2 });
    expect(report.handover).toMatchObject({ records: 2 });
    expect(report.handover?.acknowledgedAt).toBeDefined();
    expect(report.thirdParties.map((t) => t.late).sort()).toEqual([false, true]);
    expect(report.deletion.certificates.map((c) => c.stage)).toEqual(expect.arrayContaining(['not-transferred', 'transferred-copies', 'holds-sealed', 'quarantine-and-uploads']));
    expect(report.deletion.certificates.find((c) => c.stage === 'not-transferred')?.count).toBe(6);
    // The case key is shredded after the report: its certificate is the last one written.
    expect(await db.collection('deletion_certificates').findOne({ _id: `${caseId}:case-key` as never })).toMatchObject({ count: 1 });
    await expectNothingReadable(caseId, rows.flatMap((r) => [String(r.email), String(r.name)]));
    await expectWholeTrail(caseId, rows.flatMap((r) => [String(r.email), String(r.name)]));
  }, 600_000);

  it('a bankruptcy without a successor: nothing transferred, everything deleted, report reconciles', async () => {
    const rows = ['b1', 'b2', 'b3'].map((id) => ({ customer_id: `${id}-${stamp}`, type: 'individual', name: `破产客户${id}${stamp}`, email: `${id}.${stamp}@customers.example`, products: ['白银'] }));
    const { caseId, manager, thirdPartyEmails } = await runToNotices({ kind: 'bankruptcy', rows, thirdParties: ['仓储伙伴'] });
    await gatePending(caseId, 'handover');
    expect((await post(`/v1/cases/${caseId}/gates/handover/approve`)).status).toBe(200);
    await thirdPartiesConfirm(caseId, manager, thirdPartyEmails);
    const { report } = await close(caseId);
    expect(report.reconciled).toBe(true);
    expect(report.handover).toBeNull();
    expect(report.counts.customers).toBe(3);
    expect(report.counts.dispositions.transferred).toBe(0);
    expect((report.counts.dispositions.deleted ?? 0) + (report.counts.dispositions.unchanged ?? 0)).toBe(3);
    await expectNothingReadable(caseId, rows.flatMap((r) => [r.email, r.name]));
  }, 600_000);
});
