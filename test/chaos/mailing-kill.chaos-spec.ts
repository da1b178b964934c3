import { Client, Connection as TemporalConnection, type WorkflowHandle } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { caseWorkflowId, progressQuery, type CaseProgress, type GateName } from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import { CaseRepository, CaseStatisticsRepository, MailLedgerRepository, syncIndexes } from '@handover/persistence';
import { makeRoutedCustomers, TEST_MASTER_KEY, testEnv, waitUntil } from '@handover/testing';
import { approveGateAsApi } from '../../activities/src/cases/testing/approve-gate-as-api';
import { mailingAudience } from '@handover/domain';
import { seedCase, seedRoutedCustomers } from '../../activities/src/notification/testing/seed-notice-case';
import { SinkCollector, tallyDeliveries } from './support/sink-collector';
import { chaosWorkerEnv, connectChaos } from './support/chaos-stack';
import { WorkerProcess } from './support/worker-process';

/**
 * Chaos (issue 4, "Must show" 3): the real worker, in a process of its own, is SIGKILLed three
 * times while transferCaseWorkflow mails a case of 5,000 customers, and restarted each time.
 * Afterwards the sink must hold every reachable customer's notice (losses 0); duplicates are
 * counted from the sink and the ledger's `resent` and printed (expected 0: a duplicate needs the
 * kill to fall between an SMTP accept and its ledger mark).
 */
describe('customer mailing survives SIGKILLed workers', () => {
  const env = testEnv();
  const master = MasterKey.fromBase64(TEST_MASTER_KEY);
  const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const caseId = `chaos_${runTag}`;
  const emailDomain = `k${runTag}.example`;
  const taskQueue = `chaos-${process.pid}`;
  const KILLS = 3;
  /** Share of the mailing delivered before each kill. */
  const KILL_AT = [0.15, 0.35, 0.55];

  const workerEnv = chaosWorkerEnv(env, taskQueue);

  let mongo: Connection;
  let temporal: TemporalConnection;
  let client: Client;
  let worker: WorkerProcess;
  let handle: WorkflowHandle | undefined;
  const collector = new SinkCollector(env.mailSinkApi, emailDomain);

  beforeAll(async () => {
    ({ mongo, temporal, client } = await connectChaos(env));
    worker = new WorkerProcess(workerEnv);
  }, 60_000);

  afterAll(async () => {
    await handle?.terminate('chaos test finished').catch(() => undefined);
    await worker?.stop();
    await collector.stop().catch(() => undefined);
    // The case's documents go: the database is shared by reruns against a long-lived stack, and
    // on FerretDB v1 every ledger lookup scans the whole collection.
    const db = mongo?.db;
    if (db) {
      await db.collection('customers').deleteMany({ caseId });
      await db.collection('mail_ledger').deleteMany({ caseId });
      await db.collection('mail_ledger_claims').deleteMany({ caseId });
      await db.collection('cases').deleteOne({ _id: caseId as never });
      await db.collection('case_keys').deleteOne({ _id: caseId as never });
    }
    await temporal?.close();
    await mongo?.close();
  }, 60_000);

  it('delivers every notice exactly once or more (losses 0) across three SIGKILLs, and reports duplicates', async () => {
    const started = Date.now();
    const step = (what: string): void => console.log(`[chaos +${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
    await seedCase(mongo, master, {
      caseId,
      kind: 'merger',
      recipient: { name: '乙珠宝有限公司', contact: '021-87654321', email: 'dpo@yi.example', country: 'CN' },
      // After the mailing the workflow sleeps (no outcome pass competing with the assertions).
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    const specs = makeRoutedCustomers({
      caseId,
      count: 5000,
      emailDomain,
      seed: 11,
      routes: { notice: 50, 'separate-consent': 25, 'guardian-consent': 5, 'notice-of-change': 5, delete: 10, hold: 5 },
      noEmailShare: 0.02,
    });
    await seedRoutedCustomers(mongo, master, caseId, specs);
    await syncIndexes(mongo);
    const expected = specs
      .filter((s) => mailingAudience({ route: s.routeFields.route, channels: { email: s.personal.email !== undefined } }, 0) === 'email')
      .map((s) => s.personal.email as string);
    expect(expected.length).toBeGreaterThan(4000);
    const seeded = Date.now();
    step(`seeded ${specs.length} customers (${expected.length} with an address)`);

    await worker.start();
    step(`worker ${worker.pid} ready`);
    collector.start(400);
    handle = await client.workflow.start('transferCaseWorkflow', { workflowId: caseWorkflowId(caseId), taskQueue, args: [{ caseId }] });
    const approve = async (gate: GateName): Promise<void> => {
      await waitUntil(
        () => (handle as WorkflowHandle).query(progressQuery),
        (p: CaseProgress) => p.gates.some((g) => g.name === gate && g.state === 'pending'),
        // The inventory phase (decideRoutes, draftPiia over 5,000 customers) comes first.
        180_000,
        `${gate} gate pending`,
      );
      await approveGateAsApi(handle as WorkflowHandle, mongo, caseId, gate, 'chaos-test');
    };
    await approve('inventory');
    step('inventory gate approved');
    await approve('notices');
    const mailingStarted = Date.now();
    step('notices gate approved: mailing starts');

    const cases = new CaseRepository(mongo);
    const killedAt: number[] = [];
    for (const share of KILL_AT.slice(0, KILLS)) {
      const threshold = Math.floor(expected.length * share);
      await waitUntil(async () => collector.messages.length, (count) => count >= threshold, 150_000, `${threshold} notices delivered`);
      await worker.kill();
      killedAt.push(collector.messages.length);
      step(`SIGKILL ${killedAt.length} at ${collector.messages.length} delivered`);
      await worker.start();
      step(`worker ${worker.pid} ready`);
    }
    await waitUntil(
      () => cases.findState(caseId),
      (state) => state !== null && ['consent', 'handover'].includes(state.phase),
      240_000,
      'the mailing to finish (phase consent)',
    );
    const mailingDone = Date.now();
    step(`mailing finished: ${collector.messages.length} delivered so far`);
    await collector.stop();

    const tally = tallyDeliveries(collector.messages, expected);
    const ledger = new MailLedgerRepository(mongo);
    const resent = await ledger.countResent(caseId, 'notice');
    const sent = await ledger.countByStatus(caseId, 'notice', 'sent');
    console.log(
      `chaos: ${expected.length} reachable of ${specs.length} customers; kills at ${killedAt.join(', ')} delivered; ` +
        `losses ${tally.losses}, duplicates ${tally.duplicates} (ledger resent ${resent}), unexpected ${tally.unexpected}; ` +
        `seed ${((seeded - started) / 1000).toFixed(0)} s, mailing ${((mailingDone - mailingStarted) / 1000).toFixed(0)} s, total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    // Three kills, each in the middle of the mailing.
    expect(killedAt).toHaveLength(KILLS);
    for (const count of killedAt) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(expected.length);
    }
    expect(tally.losses).toBe(0);
    expect(tally.unexpected).toBe(0);
    expect(tally.delivered).toBe(expected.length);
    expect(sent).toBe(expected.length);
    // A duplicate is only possible where the ledger saw a resend.
    expect(tally.duplicates).toBeLessThanOrEqual(resent);
    // The status read (one document, folded from facts through three SIGKILLs) equals a full
    // recount once the mailing's end has been folded in.
    const statistics = new CaseStatisticsRepository(mongo);
    const recount = await statistics.recount(caseId);
    const folded = await waitUntil(() => statistics.read(caseId), (figures) => JSON.stringify(figures?.counters) === JSON.stringify(recount), 30_000, 'the status equal to a recount', 500).catch(() => statistics.read(caseId));
    expect(folded?.counters).toEqual(recount);
    expect(folded?.counters.notified).toBe(expected.length);
  }, 360_000);
});
