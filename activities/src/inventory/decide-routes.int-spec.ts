import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { RouteSummary } from '@handover/contracts';
import { CN_PIPL_PACK, type CaseKind } from '@handover/domain';
import { renderPiiaHtml } from '@handover/mail';
import { MasterKey } from '@handover/crypto';
import { caseBlindIndex, CaseKeyService, CASE_COLLECTION, connectMongo, customerDocId, customerRef, CUSTOMER_COLLECTION } from '@handover/persistence';
import { servicesMasterKey, testEnv, validIdNumber } from '@handover/testing';
import { createInventoryActivities } from './inventory.activities';
import type { InventoryActivityDeps } from './inventory.deps';
import { cleanupCases, inventoryDeps, openCaseThroughApi, queueImport, runInContext } from './inventory.test-helpers';

const ACCOUNTING = 'cn-pipl.retention.accounting-archives';

/** Six customers: three adults (one with an ID number, one unreachable), two minors, one with a running legal hold. */
const FILE = [
  'customer_id,name,email,phone,id_number,birth_date,last_purchase_at',
  'A1,adult one,a1@example.com,,,,',
  `A2,adult two,,13800138002,${validIdNumber('1980-01-01', 21)},,`,
  'A3,adult unreachable,,,,,',
  `M1,minor by id,m1@example.com,,${validIdNumber('2015-06-01', 22)},,`,
  'M2,minor by birth date,m2@example.com,,,2016-01-01,',
  'H1,held,h1@example.com,,,,2020-01-01',
].join('\n');

// FerretDB v1 reads the collection for every count and update: generous timeouts.
jest.setTimeout(60_000);

const zeros = { notice: 0, 'separate-consent': 0, 'guardian-consent': 0, 'notice-of-change': 0, delete: 0, hold: 0 };

describe('decideRoutes and draftPiia on the real database', () => {
  let connection: Connection;
  let deps: InventoryActivityDeps;
  let dir: string;

  // Cases are opened through the running admin API (policy.retention set and validated there), so
  // this suite reads the services' database with the services' master key.
  beforeAll(async () => {
    connection = await connectMongo(testEnv().mongoUri);
    const master = MasterKey.fromBase64(servicesMasterKey());
    deps = await inventoryDeps(connection, { master, keys: new CaseKeyService(connection, master) });
    dir = await mkdtemp(join(tmpdir(), 'handover-routes-it-'));
  });

  afterAll(async () => {
    await cleanupCases(connection);
    await connection.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function inventory(kind: CaseKind, recipient: { country: string } | null = { country: 'CN' }): Promise<string> {
    const caseId = await openCaseThroughApi({ kind, recipient, policy: { retention: [ACCOUNTING] } });
    const { importId } = await queueImport(deps, caseId, dir, Buffer.from(FILE));
    const { result } = await runInContext(() => createInventoryActivities(deps).importInventory({ caseId, importId }));
    expect(result).toMatchObject({ accepted: 6, rejected: 0 });
    return caseId;
  }

  const decide = async (caseId: string, seal = false): Promise<RouteSummary> =>
    (await runInContext(() => createInventoryActivities(deps).decideRoutes({ caseId, seal }))).result;

  async function customerDoc(caseId: string, customerId: string): Promise<Record<string, unknown>> {
    const id = customerDocId(caseId, customerRef(caseBlindIndex(deps.master, caseId), customerId));
    const doc = await connection.db!.collection(CUSTOMER_COLLECTION).findOne({ _id: id as never });
    if (!doc) throw new Error(`no customer ${customerId}`);
    return doc;
  }

  it('bankruptcy with a recipient: notice, guardian consent for minors, public announcement for the unreachable', async () => {
    const caseId = await inventory('bankruptcy');
    const summary = await decide(caseId);
    expect(summary).toEqual({
      rulePackId: 'CN-PIPL',
      rulePackVersion: CN_PIPL_PACK.version,
      customers: 6,
      byRoute: { ...zeros, notice: 4, 'guardian-consent': 2 },
      transferable: 6,
      publicAnnouncement: 1,
      onHold: 1,
      sealed: false,
    });
    const a2 = await customerDoc(caseId, 'A2');
    expect(a2).toMatchObject({ route: 'notice', transferable: true, handover: true, noticeChannel: 'individual', rulePackVersion: CN_PIPL_PACK.version });
    expect(a2['noticeAdditions']).toContain('art30-necessity-impact');
    const reasons = a2['routeReasons'] as Array<Record<string, unknown>>;
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    for (const r of reasons) expect(Object.keys(r).sort()).toEqual(['article', 'ruleId']);
    expect(reasons.map((r) => r['article']).join(' ')).toContain('Art. 22');
    expect(await customerDoc(caseId, 'A3')).toMatchObject({ route: 'notice', noticeChannel: 'public-announcement' });
    expect(await customerDoc(caseId, 'M2')).toMatchObject({ route: 'guardian-consent' });
    const stored = await connection.db!.collection(CASE_COLLECTION).findOne({ _id: caseId as never });
    expect(stored?.['inventory']).toEqual({ routes: summary });
  });

  it('asset sale: separate consent; the unreachable cannot consent and is not transferable', async () => {
    const caseId = await inventory('asset-sale');
    const summary = await decide(caseId);
    expect(summary).toMatchObject({
      customers: 6,
      byRoute: { ...zeros, 'separate-consent': 4, 'guardian-consent': 2 },
      transferable: 5,
      publicAnnouncement: 1,
      onHold: 1,
    });
    expect(await customerDoc(caseId, 'A3')).toMatchObject({ route: 'separate-consent', transferable: false, handover: false });
    expect(await customerDoc(caseId, 'M1')).toMatchObject({ route: 'guardian-consent', transferable: true });
  });

  it('no recipient: everything deleted except the record on legal hold', async () => {
    const caseId = await inventory('bankruptcy', null);
    const summary = await decide(caseId);
    expect(summary).toMatchObject({ customers: 6, byRoute: { ...zeros, delete: 5, hold: 1 }, transferable: 0, onHold: 1 });
    expect(await customerDoc(caseId, 'H1')).toMatchObject({ route: 'hold', legalHold: { ruleId: ACCOUNTING, until: '2050-01-01' } });
  });

  it('sealing fixes the routes: a later unsealed run never rewrites a sealed customer', async () => {
    const caseId = await inventory('merger');
    const sealed = await decide(caseId, true);
    expect(sealed).toMatchObject({ sealed: true, byRoute: { ...zeros, notice: 4, 'guardian-consent': 2 } });
    expect(await deps.customers.count(caseId)).toBe(6);
    const docs = await connection.db!.collection(CUSTOMER_COLLECTION).find({ caseId }).toArray();
    expect(docs.every((d) => d['routeSealed'] === true)).toBe(true);
    // Pretend the sealed decision was different (e.g. an older pack version): it must stay as sealed.
    const a1 = await customerDoc(caseId, 'A1');
    await connection.db!.collection(CUSTOMER_COLLECTION).updateOne({ _id: a1['_id'] as never }, { $set: { route: 'delete', transferable: false } });
    const again = await decide(caseId, false);
    expect(again.byRoute).toEqual({ ...zeros, notice: 3, delete: 1, 'guardian-consent': 2 });
    expect(await customerDoc(caseId, 'A1')).toMatchObject({ route: 'delete', routeSealed: true });
  });

  it('records each customer\'s route signature at import, and routes customers imported without one all the same', async () => {
    const withSig = await inventory('bankruptcy');
    const sigs = (await connection.db!.collection(CUSTOMER_COLLECTION).find({ caseId: withSig }).toArray()).map((d) => [d['minor'], d['routeSig']]);
    expect(sigs.every(([, sig]) => typeof sig === 'string' && /^m[01]r[01]s[01]h[01]$/.test(sig as string))).toBe(true);
    expect(sigs.filter(([minor]) => minor === true).every(([, sig]) => (sig as string).startsWith('m1'))).toBe(true);

    const withoutSig = await inventory('bankruptcy');
    const unset = await connection.db!.collection(CUSTOMER_COLLECTION).updateMany({ caseId: withoutSig }, { $unset: { routeSig: '' } });
    expect(unset.modifiedCount).toBe(6);
    const routesOf = async (caseId: string) =>
      (await connection.db!.collection(CUSTOMER_COLLECTION).find({ caseId }).toArray()).map((d) => `${String(d['ref'])}:${String(d['route'])}:${String(d['routeKey'])}`).sort();
    const a = await decide(withSig, true);
    const b = await decide(withoutSig, true);
    expect(b).toEqual(a);
    const stored = await routesOf(withoutSig);
    expect(stored.every((entry) => !entry.includes('undefined'))).toBe(true);
    expect(stored.map((e) => e.split(':').slice(1).join(':')).sort()).toEqual((await routesOf(withSig)).map((e) => e.split(':').slice(1).join(':')).sort());
  });

  it('rerunning the decision gives the same summary and stored decisions', async () => {
    const caseId = await inventory('division');
    const stored = async () =>
      (await connection.db!.collection(CUSTOMER_COLLECTION).find({ caseId }).sort({ _id: 1 }).toArray()).map((d) => [d['route'], d['routeKey']]);
    const first = await decide(caseId);
    const before = await stored();
    expect(before.every(([route, key]) => typeof route === 'string' && typeof key === 'string' && key.length > 10)).toBe(true);
    const second = await decide(caseId);
    expect(second).toEqual(first);
    expect(await stored()).toEqual(before);
  });

  it('drafts the PIIA from the counts, keeps identical drafts as one version, and renders it', async () => {
    const caseId = await inventory('asset-sale');
    await decide(caseId);
    const activities = createInventoryActivities(deps);
    const v1 = (await runInContext(() => activities.draftPiia({ caseId, final: false }))).result;
    expect(v1).toEqual({ version: 1 });
    const report = await deps.piia.latest(caseId);
    expect(report).toMatchObject({ caseId, version: 1, final: false });
    expect(report!.content.counts).toMatchObject({
      customers: 6,
      byType: { individual: 6, enterprise: 0 },
      minors: 2,
      unreachable: 1,
      sensitiveCustomers: 3,
      onHold: 1,
      unrouted: 0,
      crossBorder: 0,
      byRoute: { ...zeros, 'separate-consent': 4, 'guardian-consent': 2 },
    });
    expect(report!.content.counts.sensitive).toMatchObject({ id_number: 2, minor: 2, bank_card: 0 });
    expect(report!.content.requirements).toMatchObject({ piiaRequired: true, handoverPackage: true, crossBorderMechanism: null });
    expect(report!.content.requirements.articles).toEqual(expect.arrayContaining(['PIPL Art. 55(3)', 'PIPL Art. 55(1)']));
    expect(JSON.stringify(report)).not.toMatch(/example\.com|13800138002/);

    expect((await runInContext(() => activities.draftPiia({ caseId, final: false }))).result).toEqual({ version: 1 });
    expect((await runInContext(() => activities.draftPiia({ caseId, final: true }))).result).toEqual({ version: 2 });
    const final = await deps.piia.latest(caseId);
    expect(final).toMatchObject({ version: 2, final: true });
    const html = renderPiiaHtml(final!.content);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(caseId);
  });
});
