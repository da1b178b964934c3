import { randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { mailingAudience, type Route } from '@handover/domain';
import { MasterKey } from '@handover/crypto';
import { caseBlindIndex, connectMongo, CUSTOMER_COLLECTION, GridFsBlobStore, MailLedgerRepository, uploadKeyOf, WindowSlotRepository } from '@handover/persistence';
import { MailSinkClient, mongoUriFor, testEnv, waitUntil } from '@handover/testing';
import { chaosWorkerEnv, RoundRobin, sharedSecretsEnv, type Replica } from './support/chaos-stack';
import { SinkCollector, tallyDeliveries } from './support/sink-collector';
import { ServiceProcess } from './support/worker-process';

interface CaseView {
  status: string;
  phase: string;
  gates: Array<{ name: string; state: string }>;
}

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request from a given local address (another loopback address stands for one client). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; localAddress?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Topology (issue 17, Must show 1): three worker processes on one task queue, two admin API and two
 * portal processes, each API process with a data folder of its own (so uploads go through the
 * shared GridFS store), all started at once on a fresh database (each builds its indexes) and
 * reached round-robin. A 5,000-customer case goes from the upload to `closed` through the APIs;
 * during its mailing one worker and one admin API are SIGKILLed. Afterwards every customer the
 * mailing addresses has its notice (losses 0), the duplicates are counted and bounded by the
 * messages the killed worker had in flight, and twice a limit's worth of requests spread over both
 * portals (per-IP limit) and over both admin APIs (failed authentications) has exactly the limit
 * accepted: the limits live in the shared database store.
 */
describe('topology: three workers, two admin APIs, two portals', () => {
  const env = testEnv();
  const master = MasterKey.fromBase64(sharedSecretsEnv().HANDOVER_MASTER_KEY as string);
  const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const database = 'handover_chaos_topology';
  const taskQueue = `topology-${process.pid}`;
  const emailDomain = `t${runTag}.example`;
  const recipientEmail = `dpo.${runTag}@recipient.example`;
  const CUSTOMERS = 5000;
  /** Share of the mailing delivered before the kills. */
  const KILL_AT = 0.3;
  /** Messages a worker keeps in flight (SMTP_MAX_IN_FLIGHT): what a SIGKILL can leave sent but unmarked. */
  const IN_FLIGHT = 10;
  const PORTAL_LIMIT = 40;
  const AUTH_FAILURE_LIMIT = 8;
  // Ports next to the stack's own (the admin API's port + 10, 11, 20, 21).
  const base = Number(process.env['ADMIN_PORT'] ?? 13000);
  const secrets = sharedSecretsEnv();
  const token = secrets.HANDOVER_ADMIN_TOKEN as string;

  const common: NodeJS.ProcessEnv = {
    ...chaosWorkerEnv(env, taskQueue, database),
    ...secrets,
    HANDOVER_STORAGE: 'gridfs',
    TEMPORAL_SDK_METRICS_PORT: '0',
    ADMIN_METRICS_PORT: '0',
    PORTAL_METRICS_PORT: '0',
    PORTAL_URL: `http://127.0.0.1:${base + 20}`,
    SMTP_MAX_IN_FLIGHT: String(IN_FLIGHT),
    PORTAL_RATE_LIMIT_PER_MINUTE: String(PORTAL_LIMIT),
    ADMIN_AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURE_LIMIT),
  };
  const dataDirs: string[] = [];
  let workers: ServiceProcess[] = [];
  let admins: RoundRobin;
  let portals: RoundRobin;
  let mongo: Connection;
  const collector = new SinkCollector(env.mailSinkApi, emailDomain);
  const sink = new MailSinkClient(env.mailSinkApi);

  const apiReplica = async (service: 'admin-api' | 'portal', port: number): Promise<Replica> => {
    const dataDir = await mkdtemp(join(tmpdir(), `handover-topology-${service}-`));
    dataDirs.push(dataDir);
    const portName = service === 'admin-api' ? 'ADMIN_PORT' : 'PORTAL_PORT';
    return { process: new ServiceProcess(service, { ...common, HANDOVER_DATA_DIR: dataDir, [portName]: String(port) }), url: `http://127.0.0.1:${port}` };
  };

  beforeAll(async () => {
    // A fresh database: every process builds its indexes at start-up, all at once.
    mongo = await connectMongo(mongoUriFor(database));
    await mongo.dropDatabase();
    workers = [0, 1, 2].map(() => new ServiceProcess('worker', common));
    admins = new RoundRobin([await apiReplica('admin-api', base + 10), await apiReplica('admin-api', base + 11)]);
    portals = new RoundRobin([await apiReplica('portal', base + 20), await apiReplica('portal', base + 21)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...workers, ...admins.replicas.map((r) => r.process), ...portals.replicas.map((r) => r.process)].map((p) => p.stop(5_000)));
    await collector.stop().catch(() => undefined);
    // The database stays (a database of its own, dropped by the next run's start; `npm test`
    // starts every run on a fresh PostgreSQL database anyway): dropping it takes FerretDB a while.
    await mongo?.close();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  const api = async (path: string, init: { method?: string; body?: unknown; contentType?: string } = {}): Promise<Response> => {
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    return fetch(`${admins.next().url}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': init.contentType ?? 'application/json' }) },
      body,
    });
  };
  const json = async <T>(path: string, init: Parameters<typeof api>[1] = {}, expected = 200): Promise<T> => {
    const res = await api(path, init);
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };

  /**
   * Twice each limit's worth of requests from one fresh loopback address, within one clock minute:
   * link requests spread over both portals (all at once), distinct failing credentials spread over
   * both admin APIs (one after the other, each failure recorded before the next: the limiter counts
   * a 401 once it is answered). Returns how many of each were accepted (not 429).
   */
  async function overTheLimits(): Promise<{ portal: number[]; auth: number[] }> {
    // Limits count per clock minute: a round that crosses a minute (a loaded machine) is run again
    // from another address, at the start of the next minute.
    for (let round = 0; ; round++) {
      const answers = await limitRound(round > 0);
      if (answers !== null) return answers;
      if (round === 2) throw new Error('the limit checks crossed a clock minute three times');
    }
  }

  async function limitRound(atMinuteStart: boolean): Promise<{ portal: number[]; auth: number[] } | null> {
    const attacker = `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(2, 255)}`;
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (atMinuteStart || untilNextMinute < 30_000) await sleep(untilNextMinute + 100);
    const minute = Math.floor(Date.now() / 60_000);
    const portal = await Promise.all(
      Array.from({ length: 2 * PORTAL_LIMIT }, (_, i) => send(`${portals.next().url}/api/c/not-a-link-${runTag}-${i}`, { localAddress: attacker }).then((a) => a.status)),
    );
    const slots = new WindowSlotRepository(mongo);
    const auth: number[] = [];
    for (let i = 0; i < 2 * AUTH_FAILURE_LIMIT; i++) {
      const answer = await send(`${admins.next().url}/v1/cases/cs_none`, { headers: { authorization: `Bearer hov_guess_${runTag}_${i}_${'A'.repeat(20)}` }, localAddress: attacker });
      auth.push(answer.status);
      const failures = auth.filter((s) => s === 401).length;
      if (answer.status === 401) await waitUntil(() => slots.taken(`auth-ip:${attacker}`, 60_000), (n) => n >= Math.min(failures, AUTH_FAILURE_LIMIT), 20_000, 'the failure recorded', 50);
    }
    return Math.floor(Date.now() / 60_000) === minute ? { portal, auth } : null;
  }

  it('closes a 5,000-customer case with 0 lost across a SIGKILLed worker and admin API, duplicates bounded, limits held', async () => {
    const started = Date.now();
    const step = (what: string): void => console.log(`[topology +${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

    // Seven processes at once on the empty database.
    await Promise.all([...workers.map((w) => w.start(180_000)), ...admins.replicas.map((r) => r.process.start(180_000)), ...portals.replicas.map((r) => r.process.start(180_000))]);
    step('3 workers, 2 admin APIs, 2 portals ready');
    const limits = overTheLimits();
    limits.catch(() => undefined);

    const { id: caseId } = await json<{ id: string }>(
      '/v1/cases',
      {
        body: {
          kind: 'merger',
          transferor: { name: `拓扑测试转让方${runTag}`, contact: '010-12345678' },
          recipient: { name: `拓扑测试接收方${runTag}`, contact: '021-87654321', email: recipientEmail, country: 'CN' },
          manager: { name: '赵经理', email: `mgr.${runTag}@example.cn` },
          policy: { waitingPeriod: 'PT0S', consentDeadline: 'PT0S', thirdPartyDeadline: 'PT30S', reminders: [], acknowledgementDeadline: 'PT10M', acknowledgementReminders: [] },
        },
      },
      201,
    );
    // Every 50th customer has no address (public announcement); the rest get a notice by mail.
    const rows = Array.from({ length: CUSTOMERS }, (_, i) =>
      JSON.stringify({ customer_id: `T${String(i).padStart(6, '0')}`, type: 'individual', name: `客户${i}`, ...(i % 50 !== 0 && { email: `c${i}@${emailDomain}` }), products: ['金饰'] }),
    );
    const { importId } = await json<{ importId: string }>(`/v1/cases/${caseId}/inventory`, { body: `${rows.join('\n')}\n`, contentType: 'application/x-ndjson' }, 202);
    const imported = await waitUntil(() => json<{ status: string }>(`/v1/cases/${caseId}/inventory/imports/${importId}`), (p) => p.status === 'done' || p.status === 'failed', 180_000, 'import done', 1000);
    expect(imported.status).toBe('done');
    // The upload is in the shared store, in no API process's data folder.
    expect(await new GridFsBlobStore(mongo).exists(uploadKeyOf(importId))).toBe(true);
    for (const dir of dataDirs) expect(existsSync(join(dir, 'uploads'))).toBe(false);
    step(`case ${caseId}: ${CUSTOMERS} customers imported (upload through GridFS)`);
    await json(`/v1/cases/${caseId}/start`, { method: 'POST' }, 202);

    const view = (): Promise<CaseView> => json<CaseView>(`/v1/cases/${caseId}`);
    const pending = (gate: string): Promise<CaseView> =>
      waitUntil(view, (v) => v.status === 'failed' || v.gates.some((g) => g.name === gate && g.state === 'pending'), 240_000, `${gate} gate pending`, 1000);
    const approve = async (gate: string): Promise<void> => {
      await json(`/v1/cases/${caseId}/gates/${gate}/approve`, { body: { note: 'topology' } });
      step(`${gate} gate approved`);
    };
    await pending('inventory');
    await approve('inventory');
    // The routes are decided once the inventory is approved; the notices gate waits for them.
    await pending('notices');

    // Whom the mailing addresses: the routed customers with an address, by the blind index of the address.
    const blindIndex = caseBlindIndex(master, caseId);
    const routed = await mongo
      .collection(CUSTOMER_COLLECTION)
      .find({ caseId }, { projection: { route: 1, channels: 1, emailBi: 1 } })
      .toArray();
    const audience = new Set(routed.filter((c) => mailingAudience({ route: c['route'] as Route, channels: c['channels'] as { email: boolean } }, 0) === 'email').map((c) => c['emailBi'] as string));
    const expected = rows.map((_, i) => `c${i}@${emailDomain}`).filter((address, i) => i % 50 !== 0 && audience.has(blindIndex.compute('email', address)));
    expect(routed).toHaveLength(CUSTOMERS);
    expect(expected).toHaveLength(audience.size);
    expect(expected.length).toBeGreaterThan(CUSTOMERS * 0.9);

    collector.start(400);
    await approve('notices');
    const mailingStarted = Date.now();

    // Both limits are checked while both API replicas of each kind run; then the kills.
    const accepted = await limits;
    step('limits checked');
    const threshold = Math.floor(expected.length * KILL_AT);
    await waitUntil(async () => collector.messages.length, (count) => count >= threshold, 240_000, `${threshold} notices delivered`, 200);
    const [killedWorker, killedAdmin] = [workers[0] as ServiceProcess, admins.replicas[0]?.process as ServiceProcess];
    await Promise.all([killedWorker.kill(), killedAdmin.kill()]);
    const killedAt = collector.messages.length;
    step(`SIGKILL of a worker and an admin API at ${killedAt} of ${expected.length} delivered`);

    // To closed: gates approved as they come, the recipient acknowledges through a portal.
    const approved = new Set<string>(['inventory', 'notices']);
    let acknowledged = false;
    let resent: number | undefined;
    let current: CaseView = await view();
    const deadline = Date.now() + 300_000;
    while (current.status !== 'closed' && current.status !== 'failed' && Date.now() < deadline) {
      if (resent === undefined && !['notification', 'inventory'].includes(current.phase)) {
        resent = await new MailLedgerRepository(mongo).countResent(caseId, 'notice');
        step(`mailing done (phase ${current.phase}): ${collector.messages.length} delivered, ledger resent ${resent}`);
      }
      for (const gate of current.gates.filter((g) => g.state === 'pending' && !approved.has(g.name))) {
        const res = await api(`/v1/cases/${caseId}/gates/${gate.name}/approve`, { body: { note: 'topology' } });
        if (res.status === 200) {
          approved.add(gate.name);
          step(`${gate.name} gate approved`);
        }
      }
      if (!acknowledged) {
        const [message] = await sink.messagesTo(recipientEmail);
        const link = message && /\/r\/([A-Za-z0-9._-]+)/.exec((await sink.message(message.ID)).Text)?.[1];
        if (link) {
          const res = await fetch(`${portals.next().url}/api/r/${link}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ acknowledgedBy: '接收方数据保护负责人' }) });
          expect(res.status).toBe(200);
          acknowledged = true;
          step('recipient acknowledged');
        }
      }
      await sleep(1000);
      current = await view();
    }
    step(`case ${current.status} (phase ${current.phase})`);
    await collector.stop();

    const tally = tallyDeliveries(collector.messages, expected);
    console.log(
      `topology: ${expected.length} addressed of ${CUSTOMERS} customers; kills at ${killedAt} delivered; losses ${tally.losses}, duplicates ${tally.duplicates} ` +
        `(ledger resent ${resent ?? '?'}, in flight ≤ ${IN_FLIGHT}), unexpected ${tally.unexpected}; portal accepted ${accepted.portal.filter((s) => s !== 429).length} of ${accepted.portal.length} ` +
        `(limit ${PORTAL_LIMIT}), auth failures accepted ${accepted.auth.filter((s) => s !== 429).length} of ${accepted.auth.length} (limit ${AUTH_FAILURE_LIMIT}); ` +
        `mailing + closure ${((Date.now() - mailingStarted) / 1000).toFixed(0)} s, total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    expect(current.status).toBe('closed');
    expect(acknowledged).toBe(true);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(expected.length);
    expect(tally.losses).toBe(0);
    expect(tally.unexpected).toBe(0);
    expect(tally.delivered).toBe(expected.length);
    // A duplicate needs a kill between an SMTP accept and its ledger mark: at most what was in flight.
    expect(tally.duplicates).toBeLessThanOrEqual(IN_FLIGHT);
    expect(tally.duplicates).toBeLessThanOrEqual(resent ?? 0);
    // The limits held across the replicas: exactly the limit accepted, the rest refused with 429.
    expect(accepted.portal.filter((s) => s !== 429)).toHaveLength(PORTAL_LIMIT);
    expect(accepted.portal.filter((s) => s === 429)).toHaveLength(PORTAL_LIMIT);
    expect(accepted.auth.slice(0, AUTH_FAILURE_LIMIT)).toEqual(Array(AUTH_FAILURE_LIMIT).fill(401));
    expect(accepted.auth.slice(AUTH_FAILURE_LIMIT)).toEqual(Array(AUTH_FAILURE_LIMIT).fill(429));
  }, 600_000);
});
