import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { caseWorkflowId } from '@handover/contracts';
import { handoverDataConverter } from '@handover/temporal';
import { adminToken, servicesMasterKey, testEnv, waitUntil } from '@handover/testing';
import { loadWorkflowBundle } from '../../services/worker/src/workflow-bundle';
import { WorkerProcess } from '../chaos/support/worker-process';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { freePort, startAdminApi, type Started } from './support/service-process';

/**
 * Issue 17, Must show 3: an admin API and a worker of this suite's own (the stack's database,
 * Temporal and secrets; a task queue of their own), both exporting OTLP/HTTP to a receiver the
 * suite runs. One small case through its notice phase; the spans of the notices gate's approval
 * form ONE trace: the approval request, the update it sends, the workflow handling it, the
 * mailing activity's start and run. The `_tracer-data` headers in the history carry ids only, and
 * the traced history replays with either bundle (tracing can be turned off with cases running).
 */
describe('traces of a notice phase (OTLP)', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const taskQueue = `traces-${stamp}`;
  const receiver = new OtlpReceiver();
  let worker: WorkerProcess | undefined;
  let admin: Started | undefined;
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${admin?.url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as { gates: Array<{ name: string; state: string }>; counters: Record<string, number> };
  const gatePending = (caseId: string, gate: string) =>
    waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === gate && g.state === 'pending'), 120_000, `${gate} gate pending`);

  beforeAll(async () => {
    const endpoint = await receiver.start();
    const traced = { TEMPORAL_TASK_QUEUE: taskQueue, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
    worker = new WorkerProcess({ ...process.env, ...traced, WORKER_HEALTH_PORT: '0', WORKER_METRICS_PORT: '0', HOLD_SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' });
    // The first start bundles the workflow code with the tracing interceptors (cached after).
    await Promise.all([worker.start(240_000), freePort().then(async (port) => (admin = await startAdminApi(port, traced)))]);
  }, 300_000);

  afterAll(async () => {
    await admin?.stop();
    await worker?.stop();
    await receiver.stop();
  });

  it('follows the notices gate approval from the HTTP request through the workflow to the mailing activity', async () => {
    const customer = { customer_id: `t1-${stamp}`, type: 'individual', name: '追踪客户', email: `t1.${stamp}@traces.example`, products: ['黄金'] };
    const created = await post('/v1/cases', {
      kind: 'bankruptcy',
      transferor: { name: '追踪珠宝', contact: '010-12345678' },
      manager: { name: '赵经理', email: `mgr.traces.${stamp}@example.cn` },
      policy: { waitingPeriod: 'PT30S' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(customer)}\n` });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => ((await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }).status, (s) => s === 'done', 120_000, 'import done');
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await gatePending(caseId, 'inventory');
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await gatePending(caseId, 'notices');
    expect((await post(`/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.counters['notified'] === 1, 120_000, 'the notice sent');

    // The worker exports the activity's span within a second of its end (batch delay).
    const mailing = await waitUntil(
      async () => receiver.spans.find((s) => s.name === 'RunActivity:sendCustomerMailing' && s.attributes['temporalWorkflowId'] === caseWorkflowId(caseId)),
      (span) => span !== undefined,
      30_000,
      'the mailing activity span',
      250,
    );
    // Its ancestors come from other batches and processes (the workflow's sink, the admin API):
    // wait until the chain reaches a root, or show how far it got.
    const chain = await waitUntil(
      async () => receiver.ancestry(mailing as ReceivedSpan),
      (spans) => spans.at(-1)?.parentSpanId === undefined,
      30_000,
      'the mailing span to reach its root',
      250,
    ).catch(() => receiver.ancestry(mailing as ReceivedSpan));
    const names = chain.map((s) => `${s.service} ${s.name}`);
    expect(names).toEqual([
      'handover-worker RunActivity:sendCustomerMailing',
      'handover-worker StartActivity:sendCustomerMailing',
      'handover-worker HandleUpdate:approveGate',
      'handover-admin-api StartWorkflowUpdate:approveGate',
      'handover-admin-api POST /v1/cases/:id/gates/:gate/approve',
    ]);
    const request = chain.at(-1) as ReceivedSpan;
    expect(request.parentSpanId).toBeUndefined(); // the root: the approval request
    expect(request.attributes).toMatchObject({ 'http.route': '/v1/cases/:id/gates/:gate/approve', 'http.response.status_code': 200 });
    expect(new Set(chain.map((s) => s.traceId)).size).toBe(1);
    // The inventory gate's approval is a trace of its own, not this one.
    const approvals = receiver.spans.filter((s) => s.name === 'POST /v1/cases/:id/gates/:gate/approve');
    expect(new Set(approvals.map((s) => s.traceId)).size).toBeGreaterThanOrEqual(2);
    // No personal data in any span: names, attributes.
    const exported = JSON.stringify(receiver.spans);
    for (const personal of [customer.email, customer.name, '追踪珠宝', `mgr.traces.${stamp}`]) expect(exported).not.toContain(personal);

    // The trace context crosses Temporal in `_tracer-data` headers: W3C ids, nothing else.
    const connection = await Connection.connect({ address: env.temporalAddress });
    try {
      const history = await new Client({ connection, namespace: 'default' }).workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
      const headers = tracerData(history);
      expect(headers.length).toBeGreaterThan(0);
      for (const carrier of headers) {
        expect(Object.keys(carrier).filter((key) => key !== 'traceparent' && key !== 'tracestate')).toEqual([]);
        expect(carrier['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      }
      for (const tracing of [true, false]) {
        const workflowBundle = await loadWorkflowBundle(env.dataDir, { tracing });
        await Worker.runReplayHistory({ workflowBundle, dataConverter: handoverDataConverter(servicesMasterKey()) }, history, caseWorkflowId(caseId));
      }
      // Kept for bench/workflow-bundle-cpu.ts (a run traced from its start).
      mkdirSync(join(env.dataDir, 'histories'), { recursive: true });
      writeFileSync(join(env.dataDir, 'histories', 'traced-notice-phase.history.json'), historyToJSON(history));
    } finally {
      await connection.close();
    }
  }, 300_000);
});

/** The decoded `_tracer-data` header payloads anywhere in a history. */
function tracerData(history: temporal.api.history.v1.IHistory): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
    const record = node as Record<string, unknown>;
    const fields = record['fields'] as Record<string, { data?: Uint8Array }> | undefined;
    const payload = fields?.['_tracer-data'];
    if (payload?.data) out.push(JSON.parse(Buffer.from(payload.data).toString('utf8')) as Record<string, unknown>);
    for (const child of Object.values(record)) walk(child);
  };
  walk(history);
  return out;
}
