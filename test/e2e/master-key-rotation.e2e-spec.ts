import { randomBytes } from 'node:crypto';
import { MasterKey } from '@handover/crypto';
import { connectMongo } from '@handover/persistence';
import { adminToken, MailSinkClient, mongoUriFor, TEST_MASTER_KEY, testEnv, waitUntil } from '@handover/testing';
import { chaosWorkerEnv } from '../chaos/support/chaos-stack';
import { WorkerProcess } from '../chaos/support/worker-process';
import { freePort, startHttpService, type Started } from './support/service-process';

interface MasterKeysView {
  activeKeyId: string;
  keys: Array<{ keyId: string; active: boolean; wrappedKeys: number; removable: boolean }>;
  unknown: Array<{ keyId: string; wrappedKeys: number }>;
}

/**
 * Issue 15, Must show 5 (slow project): master-key rotation while a case runs. A worker, an admin
 * API and a portal of their own (own database and task queue, the stack's Temporal and mail sink)
 * start with the single master key of old; a case mails its notices; the processes restart with a
 * keyring whose new key `k2` is active, the rotation re-wraps every key, `GET /v1/keys/master` shows
 * no use of the old key; the processes restart without it; the links mailed before the rotation
 * still work and the case closes.
 */
describe('master-key rotation during a running case', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  /** A database of its own; nothing drops a database at run time (docs/architecture.md): its key collections are emptied first. */
  const database = 'handover_master_keys';
  const k1 = TEST_MASTER_KEY;
  const k2 = randomBytes(32).toString('base64');
  const oldKeyId = MasterKey.fromBase64(k1).fingerprint;
  let ports: { admin: number; portal: number };
  let services: { worker: WorkerProcess; admin: Started; portal: Started } | undefined;

  /** Worker, admin API and portal with these master-key settings (the other settings as the chaos workers'). */
  const start = async (masterKeys: { HANDOVER_MASTER_KEY: string } | { HANDOVER_MASTER_KEYS: string }): Promise<void> => {
    const { HANDOVER_MASTER_KEY: _single, HANDOVER_MASTER_KEYS: _ring, ...base } = chaosWorkerEnv(env, `keys-${runTag}`, database);
    const processEnv: NodeJS.ProcessEnv = {
      ...base, ...masterKeys, HANDOVER_ADMIN_TOKEN: adminToken(),
      ADMIN_PORT: String(ports.admin), PORTAL_PORT: String(ports.portal), PORTAL_URL: `http://127.0.0.1:${ports.portal}`, ADMIN_METRICS_PORT: '0', PORTAL_METRICS_PORT: '0',
    };
    const worker = new WorkerProcess(processEnv);
    const [admin, portal] = await Promise.all([
      startHttpService('services/admin-api/src/main.ts', ports.admin, processEnv, 'the admin API'),
      startHttpService('services/portal/src/main.ts', ports.portal, processEnv, 'the portal'),
      worker.start(),
    ]);
    services = { worker, admin, portal };
  };
  const stop = async (): Promise<void> => {
    await Promise.all([services?.worker.stop(), services?.admin.stop(), services?.portal.stop()]);
    services = undefined;
  };

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${ports.admin}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json', ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', body: JSON.stringify(body) });
  const portal = (path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${ports.portal}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** Approves the case's pending gates; answers its status. */
  const approvePending = async (caseId: string): Promise<string> => {
    const view = (await (await api(`/v1/cases/${caseId}`)).json()) as { status: string; gates: Array<{ name: string; state: string }> };
    for (const gate of view.gates.filter((g) => g.state === 'pending')) await post(`/v1/cases/${caseId}/gates/${gate.name}/approve`);
    return view.status;
  };
  /** The `global` chain's events after `seq` (key events; a rerun finds those of the runs before). */
  const globalEvents = async (after = 0): Promise<Array<{ seq: number; action: string; data: Record<string, unknown> }>> =>
    ((await (await api(`/v1/cases/global/audit?after=${after}&limit=1000`)).json()) as { events: Array<{ seq: number; action: string; data: Record<string, unknown> }> }).events;
  const masterKeys = async (): Promise<MasterKeysView> => (await (await api('/v1/keys/master')).json()) as MasterKeysView;
  /** The token of the first link of this kind mailed to the address, or undefined. */
  const linkTo = async (address: string, kind: 'c' | 'r' | 't'): Promise<string | undefined> => {
    for (const m of await sink.messagesTo(address)) {
      const token = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`).exec((await sink.message(m.ID)).Text)?.[1];
      if (token) return token;
    }
    return undefined;
  };

  beforeAll(async () => {
    ports = { admin: await freePort(), portal: await freePort() };
    // A rerun on a long-lived stack starts again from the single master key of old.
    const mongo = await connectMongo(mongoUriFor(database));
    for (const collection of ['case_keys', 'derivation_keys']) await mongo.collection(collection).deleteMany({});
    await mongo.close();
  });

  afterAll(async () => {
    await stop();
  }, 60_000);

  it('re-wraps every key under the new master key, runs without the old one, and the case closes with the links mailed before', async () => {
    const step = (what: string): void => console.log(`[master-key rotation] ${what}`);
    await start({ HANDOVER_MASTER_KEY: k1 });
    const stamp = runTag;
    const recipientEmail = `dpo.${stamp}@recipient.example`;
    const partner = `tp.${stamp}@partner.example`;
    const customers = [0, 1].map((i) => `k${i}.${stamp}@customers.example`);
    const created = await post('/v1/cases', {
      kind: 'merger', jurisdiction: 'CN-PIPL',
      transferor: { name: `转让方${stamp}`, contact: '010-12345678' },
      recipient: { name: `接收方${stamp}`, contact: '021-87654321', email: recipientEmail, country: 'CN' },
      manager: { name: '赵经理', email: `mgr.${stamp}@example.cn` },
      // Answer periods long enough for two restarts and a rotation while the notices' links are open.
      policy: { waitingPeriod: 'PT90S', consentDeadline: 'PT90S', thirdPartyDeadline: 'PT30S', reminders: [], acknowledgementDeadline: 'PT60S', acknowledgementReminders: [] },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const rows = customers.map((email, i) => JSON.stringify({ customer_id: `K${i}-${stamp}`, type: 'individual', name: `客户${i}${stamp}`, email, products: ['金饰'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 180_000, 'import done');
    expect((await post(`/v1/cases/${caseId}/third-parties`, { name: '快递伙伴', email: partner, categories: ['contact'] })).status).toBe(201);
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    // The inventory and notices gates approved as they open, until both notices are in the sink.
    const links = await waitUntil(
      async () => (await approvePending(caseId), Promise.all(customers.map((email) => linkTo(email, 'c')))),
      (found) => found.every(Boolean), 180_000, 'both notices', 1_000,
    );
    step('notices mailed under the single master key');

    const before = await masterKeys();
    expect(before.activeKeyId).toBe(oldKeyId);
    expect(before.keys).toEqual([{ keyId: oldKeyId, active: true, wrappedKeys: expect.any(Number), removable: false }]);
    // The case key and the derivation key at least.
    expect(before.keys[0]!.wrappedKeys).toBeGreaterThanOrEqual(2);

    // A new key, active; the old one kept under an id of its own until nothing uses it.
    await stop();
    await start({ HANDOVER_MASTER_KEYS: JSON.stringify({ active: 'k2', keys: { k1, k2 } }) });
    const added = await masterKeys();
    expect(added.activeKeyId).toBe('k2');
    // The old key's wrapped keys name it by fingerprint: the keyring finds it under its new id.
    const underK1 = added.keys.find((k) => k.keyId === 'k1')!.wrappedKeys;
    expect(underK1).toBe(before.keys[0]!.wrappedKeys);

    const seqBefore = Math.max(0, ...(await globalEvents()).map((e) => e.seq));
    const rotate = await post('/v1/keys/master/rotate');
    expect(rotate.status).toBe(200);
    const counts = (await rotate.json()) as { rewrapped: number; failed: number; activeKeyId: string };
    expect(counts).toMatchObject({ activeKeyId: 'k2', rewrapped: underK1, failed: 0 });
    // Idempotent: nothing left to do.
    expect(await (await post('/v1/keys/master/rotate')).json()).toMatchObject({ rewrapped: 0, failed: 0 });
    const rotated = await masterKeys();
    expect(rotated.keys).toEqual([
      { keyId: 'k1', active: false, wrappedKeys: 0, removable: true },
      { keyId: 'k2', active: true, wrappedKeys: expect.any(Number), removable: false },
    ]);
    expect(rotated.unknown).toEqual([]);
    const events = (await globalEvents(seqBefore)).filter((e) => e.action.startsWith('master-key.'));
    expect(events.map((e) => e.action)).toEqual(['master-key.rotation.requested', 'master-key.rotated', 'master-key.rotation.requested', 'master-key.rotated']);
    expect(JSON.stringify(events)).not.toContain(k1);
    step(`rotated: ${counts.rewrapped} wrapped keys under k2`);

    // The old key leaves the keyring; every process restarts without it.
    await stop();
    await start({ HANDOVER_MASTER_KEYS: JSON.stringify({ active: 'k2', keys: { k2 } }) });
    expect(await masterKeys()).toEqual({ activeKeyId: 'k2', keys: [{ keyId: 'k2', active: true, wrappedKeys: expect.any(Number), removable: false }], unknown: [] });

    // The links mailed before the rotation still open and answer.
    for (const token of links) expect((await portal(`/api/c/${token!}`)).status).toBe(200);
    // A consent route takes a consent, a notice route an objection (as in case-kinds.e2e-spec.ts).
    const answers = [];
    for (const token of links) {
      const consent = await portal(`/api/c/${token!}`, { decision: 'consent' });
      answers.push(consent.status === 200 ? 200 : (await portal(`/api/c/${token!}`, { decision: 'object' })).status);
    }
    expect(answers).toEqual([200, 200]);
    step('links of before the rotation answered; driving the case to closed');

    let confirmed = false;
    let acknowledged = false;
    const closed = await waitUntil(async () => {
      const status = await approvePending(caseId);
      const partnerLink = confirmed ? undefined : await linkTo(partner, 't');
      if (partnerLink) {
        const res = await portal(`/api/t/${partnerLink}`, { kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() });
        confirmed = res.status === 200;
      }
      const recipientLink = acknowledged ? undefined : await linkTo(recipientEmail, 'r');
      if (recipientLink) acknowledged = (await portal(`/api/r/${recipientLink}`, { acknowledgedBy: '接收方数据保护负责人' })).status === 200;
      return status;
    }, (status) => status === 'closed', 420_000, 'the case to close', 1_000);
    expect(closed).toBe('closed');
    expect({ confirmed, acknowledged }).toEqual({ confirmed: true, acknowledged: true });
    expect(((await (await api(`/v1/cases/${caseId}/audit/verify`)).json()) as { valid: boolean }).valid).toBe(true);
  }, 900_000);
});
