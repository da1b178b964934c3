import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import {
  completeIncidentTaskUpdate, incidentAuditScope, incidentStateQuery, incidentWorkflowId, type IncidentView,
} from '@handover/contracts';
import { MasterKey } from '@handover/crypto';
import { AuditRepository, caseBlindIndex, CaseKeyService, CaseRepository, CustomerRepository, IncidentRepository, toCustomerDocument, type CustomerImportRow, type IncidentEntity } from '@handover/persistence';
import { handoverDataConverter } from '@handover/temporal';
import { MailSinkClient, TEST_MASTER_KEY, testEnv, waitUntil } from '@handover/testing';
import { useWorkflowWorker } from './workflow-worker';
import { loadWorkflowBundle } from '../../services/worker/src/workflow-bundle';

/**
 * incidentWorkflow on the real Temporal dev server with the real activities, FerretDB and the mail
 * sink: a drill with shortened clocks (one deadline missed on purpose) and a real incident whose
 * notice reaches exactly the affected customers with email.
 */
describe('incidentWorkflow against the Temporal dev server, FerretDB and the mail sink', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${process.pid}`;
  const taskQueue = `it-incident-${stamp}`;
  const internal = `security+${stamp}@handover.test`;
  const sink = new MailSinkClient(env.mailSinkApi);
  const master = MasterKey.fromBase64(TEST_MASTER_KEY);
  const stack = useWorkflowWorker({ taskQueue, database: 'handover_it_incident', activities: { internalAddresses: [internal] } });
  let incidents: IncidentRepository;

  /** 6 customers: 4 with a bank card (2 email zh, 1 email en, 1 phone only), 1 unreachable with a card, 1 email without card. */
  const customers = (caseId: string) => [
    { n: 1, email: `c1.${stamp}@example.cn`, sensitive: ['bank_card'] },
    { n: 2, email: `c2.${stamp}@example.cn`, sensitive: ['bank_card', 'id_number'] },
    { n: 3, email: `c3.${stamp}@example.cn`, sensitive: ['bank_card'], extra: { language: 'en' } },
    { n: 4, phone: '13900000004', sensitive: ['bank_card'] },
    { n: 5, sensitive: ['bank_card'] },
    { n: 6, email: `c6.${stamp}@example.cn`, sensitive: ['id_number'] },
  ].map((c): CustomerImportRow => ({
    caseId, importId: 'imp_it', line: c.n + 1, type: 'individual',
    personal: { customerId: `C${c.n}`, name: `测试客户${c.n}`, ...(c.email && { email: c.email }), ...(c.phone && { phone: c.phone }), products: [], extra: c.extra ?? {} },
    classification: { sensitive: c.sensitive as never, minor: false, reachable: Boolean(c.email ?? c.phone), productLines: [], tier: 'regular' },
    legalHold: null,
  }));
  const emails = (caseId: string) => customers(caseId).map((c) => c.personal.email).filter((e): e is string => e !== undefined);

  async function seedCase(label: string): Promise<{ caseId: string; managerEmail: string }> {
    const caseId = `it_inc_${label}_${stamp}`;
    const managerEmail = `manager.${label}.${stamp}@example.cn`;
    const cipher = await new CaseKeyService(stack.mongo, master).ensure(caseId);
    await new CaseRepository(stack.mongo).create(
      {
        id: caseId, kind: 'asset-sale', jurisdiction: 'CN-PIPL', status: 'running', phase: 'legal-basis',
        transferor: { name: '甲珠宝有限公司', contact: '010-12345678' }, manager: { name: '王经理', email: managerEmail },
        policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D', thirdPartyDeadline: 'P30D', reminders: [], minors: 'guardian-consent', sensitive: 'notice' },
        createdAt: new Date(),
      },
      cipher,
    );
    const crypto = { cipher, blindIndex: caseBlindIndex(master, caseId) };
    await new CustomerRepository(stack.mongo).insertMany(customers(caseId).map((row) => toCustomerDocument(row, crypto)));
    return { caseId, managerEmail };
  }

  async function open(entity: Partial<IncidentEntity> & { caseId: string }): Promise<{ id: string; handle: WorkflowHandle }> {
    const id = `inc_it_${Math.random().toString(36).slice(2, 10)}`;
    await incidents.create({
      id, title: '备份外泄（集成测试）', detectedAt: new Date(), categories: ['bank_card'], drill: false, clockOverrides: {},
      contact: 'dpo@shop.example', createdAt: new Date(), createdBy: 'it', ...entity,
    });
    const handle = await stack.temporal.client.workflow.start('incidentWorkflow', { workflowId: incidentWorkflowId(id), taskQueue, args: [{ incidentId: id }] });
    return { id, handle };
  }

  beforeAll(() => {
    incidents = new IncidentRepository(stack.mongo);
  });

  it('drill: clocks shortened, containment missed and escalated, the rest met, closes; only internal mail', async () => {
    const { caseId, managerEmail } = await seedCase('drill');
    const { id, handle } = await open({
      caseId, drill: true,
      clockOverrides: { containment: 'PT30S', 'authority-report': 'PT300S', 'individual-notice': 'PT300S', assess: 'PT300S', remediate: 'PT300S', review: 'PT300S' },
    });
    const opened = await waitUntil(() => handle.query(incidentStateQuery), (v) => v.status === 'open', 30_000, 'incident open');
    expect(opened).toMatchObject({ drill: true, affected: 5, tier: 'none', reportable: false, jurisdiction: 'CN-PIPL' });
    expect(opened.tasks.map((t) => t.id)).toEqual(['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate', 'review']);
    expect(opened.tasks.find((t) => t.id === 'review')).toMatchObject({ state: 'waiting', dueAt: null });
    for (const d of opened.deadlines) expect(Date.parse(d.dueAt ?? '')).toBeGreaterThan(0);

    const missed = await waitUntil(() => handle.query(incidentStateQuery), (v) => v.tasks.find((t) => t.id === 'contain')?.escalatedAt !== undefined, 120_000, 'containment escalated');
    expect(missed.deadlines.find((d) => d.name === 'containment')).toMatchObject({ missed: true, metAt: null });
    const escalation = await sink.waitFor(managerEmail, 1, 10_000);
    expect(escalation).toHaveLength(1);
    expect(escalation[0]?.Subject).toContain('MISSED');
    // The reminder is its own activity: under load its mail may land after the escalation's.
    const reminders = await waitUntil(() => sink.messagesTo(internal), (ms) => ms.some((m) => m.Subject.includes('Due soon') && m.Subject.includes(id)), 30_000, 'due-soon reminder');
    expect(reminders.some((m) => m.Subject.includes('Due soon'))).toBe(true);

    const done = (taskId: string) => handle.executeUpdate(completeIncidentTaskUpdate, { args: [{ taskId, completedBy: 'it', completedAt: new Date().toISOString() }] });
    await expect(done('review')).rejects.toThrow();
    for (const taskId of ['contain', 'assess', 'report-to-authority', 'notify-individuals', 'remediate']) expect((await done(taskId)).state).toBe('done');
    await expect(done('assess')).rejects.toThrow();
    await waitUntil(() => handle.query(incidentStateQuery), (v) => v.tasks.find((t) => t.id === 'review')?.state === 'open', 15_000, 'review open');
    await done('review');
    const closed = (await handle.result()) as IncidentView;
    expect(closed.status).toBe('closed');
    expect(closed.deadlines.filter((d) => d.missed).map((d) => d.name)).toEqual(['containment']);
    expect(closed.deadlines.filter((d) => d.metAt !== null).map((d) => d.name).sort()).toEqual(['authority-report', 'individual-notice']);
    expect(closed.notices).toMatchObject({ drill: true, eligible: 5, internal: 1, sent: 0 });

    const summary = (await sink.messagesTo(internal)).filter((m) => m.Subject.includes('DRILL') && m.Subject.includes(id) && !m.Subject.includes('MISSED'));
    expect(summary.filter((m) => m.Subject.includes('Incident notice drill'))).toHaveLength(1);
    for (const address of emails(caseId)) expect(await sink.messagesTo(address)).toEqual([]);

    const stored = await waitUntil(() => incidents.findById(id), (r) => r?.status === 'closed', 10_000, 'snapshot closed');
    expect(stored?.view?.revision).toBe(closed.revision);
    const actions = (await new AuditRepository(stack.mongo).list(incidentAuditScope(id), { limit: 200 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['incident.assessed', 'task.reminded', 'deadline.missed', 'deadline.escalated', 'deadline.met', 'notices.drill-sent', 'incident.closed', 'drill.recorded']));
    expect(await new AuditRepository(stack.mongo).verify(incidentAuditScope(id))).toMatchObject({ valid: true });

    // The whole run replays deterministically (timers, updates, concurrent watchers).
    const history = await handle.fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: await loadWorkflowBundle(env.dataDir), dataConverter: handoverDataConverter(TEST_MASTER_KEY) }, history)).resolves.toBeUndefined();
    if (process.env['HANDOVER_RECORD_HISTORIES'] === '1') writeFileSync(join(__dirname, '../replay/histories/incident-drill.history.json'), historyToJSON(history));
  }, 240_000);

  it('real incident: the notice goes once to every affected customer with email, in their language, after approval', async () => {
    const { caseId } = await seedCase('real');
    const { handle } = await open({ caseId, categories: ['bank_card'] });
    await waitUntil(() => handle.query(incidentStateQuery), (v) => v.status === 'open', 30_000, 'incident open');
    const [c1, c2, c3, , , c6] = customers(caseId).map((c) => c.personal.email as string);
    expect(await sink.messagesTo(c1 as string)).toEqual([]);
    const done = (taskId: string) => handle.executeUpdate(completeIncidentTaskUpdate, { args: [{ taskId, completedBy: 'it', completedAt: new Date().toISOString() }] });
    await done('notify-individuals');
    const view = await waitUntil(() => handle.query(incidentStateQuery), (v) => v.notices !== null, 30_000, 'notices sent');
    expect(view.notices).toMatchObject({ eligible: 5, sent: 3, noEmail: 1, unreachable: 1, drill: false });
    expect(view.noticesSent).toBe(3);
    for (const address of [c1, c2, c3] as string[]) expect(await sink.messagesTo(address)).toHaveLength(1);
    expect(await sink.messagesTo(c6 as string)).toEqual([]);
    const zh = await sink.message((await sink.messagesTo(c1 as string))[0]!.ID);
    expect(zh.Text).toContain('涉及的个人信息种类');
    expect(zh.Text).toContain('可能造成的危害');
    expect(zh.Text).toContain('您可以采取的措施');
    expect(zh.Text).toContain('dpo@shop.example');
    expect(zh.Text).not.toContain('测试客户');
    const en = await sink.message((await sink.messagesTo(c3 as string))[0]!.ID);
    expect(en.Subject).toContain('incident notice');
    for (const taskId of ['contain', 'assess', 'report-to-authority', 'remediate']) await done(taskId);
    await waitUntil(() => handle.query(incidentStateQuery), (v) => v.tasks.find((t) => t.id === 'review')?.state === 'open', 15_000, 'review open');
    await done('review');
    expect(((await handle.result()) as IncidentView).status).toBe('closed');
    for (const address of [c1, c2, c3] as string[]) expect(await sink.messagesTo(address)).toHaveLength(1);
  }, 120_000);
});
