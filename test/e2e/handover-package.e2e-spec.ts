import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Connection } from 'mongoose';
import { createHandoverActivities } from '@handover/activities';
import { handoverPackageId, type HandoverActivities } from '@handover/contracts';
import {
  decryptPackageFile,
  generateRecipientKeyPair,
  hashToken,
  isCiphertext,
  MasterKey,
  portalTokenSigner,
  unwrapContentKey,
} from '@handover/crypto';
import { createLogger } from '@handover/logging';
import { NodemailerMailer } from '@handover/mail';
import { AuditRepository,
  CaseKeyService,
  CaseRepository,
  connectMongo,
  handoverCaseDir,
  HandoverRepository,
  HANDOVER_PACKAGE_COLLECTION,
  MailLedgerRepository,
  RecipientAcknowledgementRepository,
  RecipientKeyRepository,
  RECIPIENT_ACK_COLLECTION,
  TransferExclusionRepository,
  type CustomerDocument,
  type HandoverManifest,
  type RecipientAcknowledgementDocument,
  updateEach,
} from '@handover/persistence';
import { seedRoutedCustomers } from '../../activities/src/notification/testing/seed-notice-case';
import { adminToken, makeRoutedCustomers, MailSinkClient, testEnv, type RoutedCustomerSpec } from '@handover/testing';

type Record_ = Record<string, unknown> & { ref: string; route: string };
interface ManifestResponse extends HandoverManifest {
  files: Array<HandoverManifest['files'][number] & { download: string }>;
  acknowledgedAt?: string;
}

/**
 * Issue 5, the handover package and the recipient's acknowledgement: the activities run in this
 * process (MockActivityEnvironment) against the real FerretDB, the services' data directory and
 * the mail sink; the package is read through the running admin API and acknowledged through the
 * running portal.
 */
describe('handover package and recipient acknowledgement', () => {
  const env = testEnv();
  const masterKey = process.env['HANDOVER_MASTER_KEY'] ?? readFileSync(join(env.dataDir, 'secrets', 'master.key'), 'utf8').trim();
  const master = MasterKey.fromBase64(masterKey);
  const stamp = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  /** Opened through POST /v1/cases in beforeAll (the policy's handoverFields included). */
  let ownKeyCase = '';
  let generatedKeyCase = '';
  const emailDomain = `hp${stamp}.example`;
  const recipientEmail = `dpo@r${stamp}.example`;
  const recipientPair = generateRecipientKeyPair();
  const sink = new MailSinkClient(env.mailSinkApi);

  let mongo: Connection;
  let mailer: NodemailerMailer;
  let activities: HandoverActivities;
  /** Per case: the records the package must hold, by ref. */
  const expected = new Map<string, Map<string, Record_>>();
  /** Per case: transferred customers whose inventory row had a bank card (minimisation must drop it). */
  const withBankCard = new Map<string, number>();
  let excludedRef = '';
  let recipientToken = '';

  const admin = (path: string): Promise<Response> => fetch(`${env.adminUrl}${path}`, { headers: { authorization: `Bearer ${adminToken()}` } });
  const run = <T>(fn: () => Promise<T>): Promise<T> => new MockActivityEnvironment().run(fn);

  /** Opens a case through the admin API (recipient, policy.handoverFields), then seeds its routed customers. */
  async function seed(options: { publicKey?: string; handoverFields?: string[] }): Promise<string> {
    const recipient = { name: '乙珠宝有限公司', contact: '021-87654321', email: recipientEmail, country: 'CN', ...(options.publicKey && { publicKey: options.publicKey }) };
    const opened = await fetch(`${env.adminUrl}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'asset-sale',
        transferor: { name: '甲珠宝有限公司', contact: '010-12345678' },
        recipient,
        manager: { name: '王经理', email: `manager.${stamp}@handover.test` },
        ...(options.handoverFields && { policy: { handoverFields: options.handoverFields } }),
      }),
    });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    const specs = makeRoutedCustomers({ caseId, count: 24, emailDomain, seed: 11, routes: { notice: 3, 'separate-consent': 2, delete: 1 } });
    const docs = await seedRoutedCustomers(mongo, master, caseId, specs);
    // Mixed outcomes, as fixOutcomes would have fixed them: every third transferable customer refused.
    const customers = mongo.db!.collection<CustomerDocument>('customers');
    const outcomes = docs.map((doc, i) => ({ doc, spec: specs[i] as RoutedCustomerSpec, transfer: doc.route !== 'delete' && i % 3 !== 0 }));
    await updateEach(
      customers,
      outcomes.map(({ doc, transfer }) => ({ filter: { _id: doc._id }, update: { $set: { outcome: transfer ? 'transfer' : 'not-transfer', outcomeAt: new Date() } } })),
    );
    const transferred = outcomes.filter((o) => o.transfer);
    // One transferred customer objected late and was excluded (the exclusions feature's insert).
    const excluded = transferred[0]!;
    await new TransferExclusionRepository(mongo).exclude({ caseId, customerId: excluded.doc._id, requestId: `rq_${stamp}`, reason: 'objection', at: new Date() });
    if (options.publicKey) excludedRef = excluded.doc.ref;
    const records = new Map<string, Record_>();
    for (const { doc, spec } of transferred.slice(1)) {
      const p = spec.personal;
      const full: Record<string, unknown> = { customerId: p.customerId, type: spec.type, name: p.name, email: p.email, phone: p.phone, idNumber: p.idNumber, bankCard: p.bankCard, products: p.products };
      const fields = options.handoverFields ?? ['customerId', 'type', 'name', 'email', 'phone', 'address', 'products', 'lastPurchaseAt', 'totalSpent'];
      const record: Record_ = { ref: doc.ref, route: doc.route as string };
      for (const field of fields) if (full[field] !== undefined) record[field] = full[field];
      records.set(doc.ref, record);
    }
    expected.set(caseId, records);
    withBankCard.set(caseId, transferred.slice(1).filter((o) => o.spec.personal.bankCard).length);
    return caseId;
  }

  async function decryptPackage(caseId: string, privateKeyPem: string): Promise<{ manifest: ManifestResponse; records: Record_[] }> {
    const res = await admin(`/v1/cases/${caseId}/handover/package`);
    expect(res.status).toBe(200);
    const manifest = (await res.json()) as ManifestResponse;
    const key = unwrapContentKey(privateKeyPem, manifest.encryption.wrappedKey);
    const records: Record_[] = [];
    for (const file of manifest.files) {
      const download = await admin(file.download);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      const plain = decryptPackageFile(key, file.name, file, bytes);
      expect(createHash('sha256').update(plain).digest('hex')).toBe(file.plaintextSha256);
      for (const line of plain.toString('utf8').split('\n').filter(Boolean)) records.push(JSON.parse(line) as Record_);
    }
    return { manifest, records };
  }

  const byRef = (records: Record_[]): Map<string, Record_> => new Map(records.map((r) => [r.ref, r]));

  beforeAll(async () => {
    mongo = await connectMongo(env.mongoUri);
    mailer = new NodemailerMailer({ smtpUrl: env.smtpUrl, from: 'Handover <no-reply@handover.test>', maxConnections: 2 });
    activities = createHandoverActivities({
      cases: new CaseRepository(mongo),
      keys: new CaseKeyService(mongo, master),
      handover: new HandoverRepository(mongo),
      recipientKeys: new RecipientKeyRepository(mongo),
      acknowledgements: new RecipientAcknowledgementRepository(mongo),
      audit: new AuditRepository(mongo),
      ledger: new MailLedgerRepository(mongo),
      mailer,
      master,
      tokens: portalTokenSigner(master),
      dataDir: env.dataDir,
      portalUrl: env.portalUrl,
      mailDomain: 'handover.test',
      logger: createLogger('e2e-handover', 'silent'),
      batchSize: 7,
    });
    ownKeyCase = await seed({ publicKey: recipientPair.publicKeyPem, handoverFields: ['email', 'customerId', 'name', 'idNumber'] });
    generatedKeyCase = await seed({});
  }, 60_000);

  afterAll(async () => {
    mailer?.close();
    await mongo?.close();
  });

  it('answers 409 PACKAGE_NOT_READY before the package exists, 404 for an unknown case', async () => {
    const res = await admin(`/v1/cases/${ownKeyCase}/handover/package`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('PACKAGE_NOT_READY');
    expect((await admin(`/v1/cases/cs_nope${stamp}/handover/package`)).status).toBe(404);
  });

  it('builds a package that decrypts with the recipient key and holds exactly the transferred, non-excluded customers with the configured fields', async () => {
    // A crashed earlier attempt left a half-written build behind.
    const stale = join(handoverCaseDir(env.dataDir, ownKeyCase), '.build-crashed');
    await mkdir(stale, { recursive: true });

    const result = await run(() => activities.buildHandoverPackage({ caseId: ownKeyCase }));
    const want = expected.get(ownKeyCase)!;
    expect(want.size).toBeGreaterThanOrEqual(5);
    expect(result).toEqual({ packageId: handoverPackageId(ownKeyCase), records: want.size, files: 1 });

    const { manifest, records } = await decryptPackage(ownKeyCase, recipientPair.privateKeyPem);
    expect(records).toHaveLength(want.size);
    expect(byRef(records)).toEqual(want);
    expect(records.map((r) => r.ref)).not.toContain(excludedRef);
    for (const record of records) expect(Object.keys(record).every((k) => ['ref', 'route', 'customerId', 'name', 'email', 'idNumber'].includes(k))).toBe(true);
    expect(manifest.fields).toEqual(['customerId', 'name', 'email', 'idNumber']);
    const routes: Record<string, number> = {};
    for (const r of want.values()) routes[r.route] = (routes[r.route] ?? 0) + 1;
    expect(manifest.byRoute).toEqual(routes);
    expect(manifest.records).toBe(want.size);
    expect(manifest.rulePack.id).toBe('CN-PIPL');
    expect(manifest.encryption).toMatchObject({ content: 'AES-256-GCM', keyWrap: 'RSA-OAEP-SHA256', recipientKeySource: 'case' });
    // Nothing personal in the manifest.
    const text = JSON.stringify(manifest);
    for (const r of want.values()) expect(text).not.toContain(String(r['email']));
    // The stale build is gone; only the committed build remains.
    expect(await readdir(handoverCaseDir(env.dataDir, ownKeyCase))).toHaveLength(1);
  });

  it('returns the same package on a second build, and the same records when a lost commit forces a rebuild', async () => {
    const before = (await (await admin(`/v1/cases/${ownKeyCase}/handover/package`)).json()) as ManifestResponse;
    const again = await run(() => activities.buildHandoverPackage({ caseId: ownKeyCase }));
    expect(again.packageId).toBe(before.packageId);
    const after = (await (await admin(`/v1/cases/${ownKeyCase}/handover/package`)).json()) as ManifestResponse;
    expect(after.files[0]!.sha256).toBe(before.files[0]!.sha256);
    expect(after.createdAt).toBe(before.createdAt);

    // A worker that died after writing its files but before the commit: the retry builds again.
    await mongo.db!.collection<{ _id: string }>(HANDOVER_PACKAGE_COLLECTION).deleteOne({ _id: handoverPackageId(ownKeyCase) });
    const rebuilt = await run(() => activities.buildHandoverPackage({ caseId: ownKeyCase }));
    expect(rebuilt).toEqual(again);
    const { manifest, records } = await decryptPackage(ownKeyCase, recipientPair.privateKeyPem);
    expect(manifest.files[0]!.sha256).not.toBe(before.files[0]!.sha256); // a fresh content key…
    expect(byRef(records)).toEqual(expected.get(ownKeyCase)); // …the same records, none twice
    expect(records).toHaveLength(expected.get(ownKeyCase)!.size);
  });

  it('generates a key pair when the recipient gave none: the private key is fetched once (410 after), and opens the minimised package', async () => {
    const result = await run(() => activities.buildHandoverPackage({ caseId: generatedKeyCase }));
    expect(result.records).toBe(expected.get(generatedKeyCase)!.size);
    const first = await admin(`/v1/cases/${generatedKeyCase}/handover/private-key`);
    expect(first.status).toBe(200);
    const { privateKey } = (await first.json()) as { privateKey: string };
    expect(privateKey).toContain('BEGIN PRIVATE KEY');
    const second = await admin(`/v1/cases/${generatedKeyCase}/handover/private-key`);
    expect(second.status).toBe(410);
    expect(((await second.json()) as { code: string }).code).toBe('PRIVATE_KEY_FETCHED');
    expect((await new RecipientKeyRepository(mongo).find(generatedKeyCase))?.privateKeySealed).toBeUndefined();
    expect((await admin(`/v1/cases/${ownKeyCase}/handover/private-key`)).status).toBe(409);

    const { manifest, records } = await decryptPackage(generatedKeyCase, privateKey);
    expect(manifest.encryption.recipientKeySource).toBe('generated');
    expect(byRef(records)).toEqual(expected.get(generatedKeyCase));
    expect(withBankCard.get(generatedKeyCase)).toBeGreaterThan(0);
    // Default minimisation: no ID number, bank card or notes even where the inventory had them.
    expect(records.some((r) => 'bankCard' in r || 'idNumber' in r || 'notes' in r)).toBe(false);
  });

  it('mails the recipient one signed link (send ledger), zh-CN and en with the Art. 22 obligations', async () => {
    const packageId = handoverPackageId(ownKeyCase);
    const first = await run(() => activities.sendRecipientLink({ caseId: ownKeyCase, packageId }));
    const second = await run(() => activities.sendRecipientLink({ caseId: ownKeyCase, packageId }));
    expect(first).toEqual({ sent: true });
    expect(second).toEqual({ sent: false });
    const [summary] = await sink.waitFor(recipientEmail, 1);
    const message = await sink.message(summary!.ID);
    expect(message.Text).toContain('第二十二条');
    expect(message.Text).toContain('Article 22');
    recipientToken = new RegExp(`${env.portalUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/r/([A-Za-z0-9_.-]+)`).exec(message.Text)?.[1] ?? '';
    expect(recipientToken).not.toBe('');
    expect(await sink.messagesTo(recipientEmail)).toHaveLength(1);
  });

  it('records the acknowledgement once through the portal JSON (a repeat is idempotent), with encrypted evidence', async () => {
    const api = `${env.portalUrl}/api/r/${recipientToken}`;
    const view = await fetch(api);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ packageId: handoverPackageId(ownKeyCase), acknowledged: false, recipient: { name: '乙珠宝有限公司' } });
    expect((await run(() => activities.recipientAcknowledgement({ caseId: ownKeyCase }))).acknowledged).toBe(false);

    const page = await fetch(`${env.portalUrl}/r/${recipientToken}?lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Article 22');
    expect(html).toMatch(/name="csrf" value="[^"]+"/);

    const post = (body: unknown): Promise<Response> =>
      fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'e2e-recipient/1.0' }, body: JSON.stringify(body) });
    expect((await post({ acknowledgedBy: '   ' })).status).toBe(400);
    const first = await post({ acknowledgedBy: '赵法务 总监' });
    expect(first.status).toBe(200);
    const ack = (await first.json()) as { acknowledged: boolean; acknowledgedAt: string };
    const repeat = await post({ acknowledgedBy: '另一人' });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { acknowledgedAt: string }).acknowledgedAt).toBe(ack.acknowledgedAt);

    const evidence = await mongo.db!.collection<RecipientAcknowledgementDocument>(RECIPIENT_ACK_COLLECTION).find({ caseId: ownKeyCase }).toArray();
    expect(evidence).toHaveLength(1);
    const doc = evidence[0]!;
    expect(doc.tokenHash).toBe(hashToken(recipientToken));
    for (const field of [doc.acknowledgedByEnc, doc.ipEnc, doc.userAgentEnc]) expect(isCiphertext(field)).toBe(true);
    expect(JSON.stringify(doc)).not.toContain('赵法务');
    const cipher = await new CaseKeyService(mongo, master).require(ownKeyCase);
    expect(new RecipientAcknowledgementRepository(mongo).decrypt(doc, cipher)).toMatchObject({ acknowledgedBy: '赵法务 总监', userAgent: 'e2e-recipient/1.0' });

    expect(await run(() => activities.recipientAcknowledgement({ caseId: ownKeyCase }))).toEqual({ acknowledged: true, at: ack.acknowledgedAt });
    const report = await new HandoverRepository(mongo).forReport(ownKeyCase);
    expect(report).toMatchObject({ packageId: handoverPackageId(ownKeyCase), records: expected.get(ownKeyCase)!.size, acknowledgedAt: ack.acknowledgedAt });
    expect(report?.files).toEqual([{ name: 'customers.ndjson.enc', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('answers a wrong, tampered or wrong-purpose token with the same 404', async () => {
    const signer = portalTokenSigner(master);
    const customerToken = signer.sign({ purpose: 'customer', subject: handoverPackageId(ownKeyCase), caseId: ownKeyCase, expiresAt: new Date(Date.now() + 86_400_000) });
    const expired = signer.sign({ purpose: 'recipient', subject: handoverPackageId(ownKeyCase), caseId: ownKeyCase, expiresAt: new Date(Date.now() - 1000) });
    const tampered = `${recipientToken.slice(0, -2)}${recipientToken.endsWith('A') ? 'BB' : 'AA'}`;
    for (const token of [customerToken, expired, tampered, 'nonsense']) {
      const res = await fetch(`${env.portalUrl}/api/r/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"acknowledgedBy":"x"}' });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'not found' });
      expect((await fetch(`${env.portalUrl}/r/${token}`)).status).toBe(404);
    }
  });

  afterAll(async () => {
    await rm(handoverCaseDir(env.dataDir, generatedKeyCase), { recursive: true, force: true });
  });
});
