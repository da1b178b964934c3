import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { approveGateUpdate, caseWorkflowId, type ApproveGateInput } from '@handover/contracts';
import { handoverDataConverter } from '@handover/temporal';
import { adminToken, servicesMasterKey, testEnv, waitUntil } from '@handover/testing';

interface CaseView {
  phase: string;
  gates: Array<{ name: string; state: string }>;
}

/**
 * Issue 15, Must show: a forged update sent straight to Temporal — plain JSON, or sealed with the
 * codec but never recorded by the API — changes nothing and is logged by the worker.
 */
describe('a forged gate approval sent around the API', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${env.adminUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken()}`, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as CaseView;
  const workerLog = () => readFileSync(join(env.dataDir, 'logs', 'worker.log'), 'utf8');
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: env.temporalAddress });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('leaves the inventory gate pending and logs both attempts', async () => {
    const created = await post('/v1/cases', {
      kind: 'asset-sale',
      transferor: { name: `伪造测试转让方${stamp}`, contact: '010-12345678' },
      manager: { name: '孙经理', email: `mgr.forged.${stamp}@example.cn` },
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await waitUntil(() => view(caseId), (v) => v.gates[0]?.state === 'pending', 120_000, 'inventory pending');
    const forged: ApproveGateInput = { gate: 'inventory', approvedBy: 'attacker', approvedAt: new Date().toISOString() };

    // (a) Plain JSON, no codec: refused before the update is accepted.
    const plain = new Client({ connection }).workflow.getHandle(caseWorkflowId(caseId));
    const refusedBefore = workerLog().split('security.unencrypted-payload').length;
    await expect(plain.executeUpdate(approveGateUpdate, { args: [forged] })).rejects.toThrow();
    expect(workerLog().split('security.unencrypted-payload').length).toBeGreaterThan(refusedBefore);

    // (b) Sealed with the services' codec, but no decision recorded by the API (none, then a made-up id).
    const sealed = new Client({ connection, dataConverter: handoverDataConverter(servicesMasterKey()) }).workflow.getHandle(caseWorkflowId(caseId));
    await expect(sealed.executeUpdate(approveGateUpdate, { args: [forged] })).rejects.toThrow();
    await expect(sealed.executeUpdate(approveGateUpdate, { args: [{ ...forged, approvalId: `${caseId}:inventory:forged` }] })).rejects.toThrow();
    await waitUntil(async () => workerLog().includes(`"caseId":"${caseId}"`) && workerLog().includes('security.unverified-approval'), (seen) => seen, 30_000, 'unverified approval logged');

    const after = await view(caseId);
    expect(after.phase).toBe('inventory');
    expect(after.gates[0]).toMatchObject({ name: 'inventory', state: 'pending' });
    const decisions = (await (await api(`/v1/cases/${caseId}/gates`)).json()) as unknown;
    expect(JSON.stringify(decisions)).not.toContain('attacker');
  }, 180_000);
});
