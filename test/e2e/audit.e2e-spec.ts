import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { verifyAuditExport } from '@handover/audit-proof';
import { chainHash } from '@handover/crypto';
import { adminToken, testEnv } from '@handover/testing';

interface AuditEvent {
  caseId: string;
  seq: number;
  at: string;
  actor: { id: string; role: string };
  action: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
  v?: number;
  keyId?: string;
  mac?: string;
}

/** `handover audit verify-file …` as a user runs it (offline: no token, no API). */
function verifyFile(exportPath: string, publicKeyPath: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['handover', 'audit', 'verify-file', exportPath, '--public-key', publicKeyPath], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, HANDOVER_TOKEN: '', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** The audit trail over HTTP: events recorded by the use-cases, verification, export, tampering. */
describe('audit trail through the running admin API', () => {
  const env = testEnv();
  const admin = adminToken();
  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const keys: Record<'manager' | 'auditor', { id: string; token: string }> = { manager: { id: '', token: '' }, auditor: { id: '', token: '' } };
  const managerEmail = `audit.e2e.${Date.now()}@example.cn`;
  const work = mkdtempSync(join(tmpdir(), 'handover-audit-e2e-'));
  let caseId = '';
  let publicKey = { keyId: '', publicKey: '', auditKeyId: '' };

  beforeAll(async () => {
    for (const [name, role] of [['manager', 'case-manager'], ['auditor', 'auditor']] as const) {
      const res = await call('POST', '/v1/keys', admin, { name: `audit-e2e-${name}`, role, team: 'default' });
      expect(res.status).toBe(201);
      keys[name] = (await res.json()) as { id: string; token: string };
    }
    const opened = await call('POST', '/v1/cases', keys.manager.token, {
      kind: 'asset-sale',
      transferor: { name: '审计链有限公司', contact: '020-12345678' },
      manager: { name: '链经理', email: managerEmail },
      policy: { waitingPeriod: 'PT5S' },
    });
    expect(opened.status).toBe(201);
    caseId = ((await opened.json()) as { id: string }).id;
    expect((await call('POST', `/v1/cases/${caseId}/start`, keys.manager.token)).status).toBe(202);
  }, 60_000);

  afterAll(async () => {
    for (const { id } of Object.values(keys)) if (id) await call('DELETE', `/v1/keys/${id}`, admin);
    rmSync(work, { recursive: true, force: true });
  });

  it('answers the checkpoint public key and the audit key id (for offline verification)', async () => {
    const res = await call('GET', '/v1/audit/public-key', keys.auditor.token);
    expect(res.status).toBe(200);
    publicKey = (await res.json()) as typeof publicKey;
    expect(publicKey.keyId).toMatch(/^as-[0-9a-f]{16}$/);
    expect(publicKey.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(publicKey.auditKeyId).toMatch(/^ak-[0-9a-f]{16}$/);
    writeFileSync(join(work, 'public-key.json'), JSON.stringify(publicKey));
  });

  it('lists case.opened and case.started with the acting key as actor, and no personal data', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit`, keys.auditor.token);
    expect(res.status).toBe(200);
    const { events, next } = (await res.json()) as { events: AuditEvent[]; next: number | null };
    // The started workflow records its phases too (actor: the workflow), possibly before case.started.
    const byKeys = events.filter((e) => e.actor.role !== 'system');
    expect(byKeys.map((e) => [e.action, e.actor.id, e.actor.role])).toEqual([
      ['case.opened', keys.manager.id, 'case-manager'],
      ['case.started', keys.manager.id, 'case-manager'],
    ]);
    expect(events.filter((e) => e.actor.role === 'system').every((e) => e.actor.id === 'workflow' && e.action.startsWith('phase.'))).toBe(true);
    expect(events[0]).toMatchObject({ seq: 1, action: 'case.opened', caseId, subject: { type: 'case', id: caseId }, data: { kind: 'asset-sale' }, prevHash: null });
    events.slice(1).forEach((e, i) => expect(e.prevHash).toBe(events[i]!.hash));
    expect(next).toBeNull();
    const raw = JSON.stringify(events);
    for (const secret of [managerEmail, '链经理', '020-12345678']) expect(raw).not.toContain(secret);
  });

  it('pages with after and limit, and rejects bad paging parameters with 400', async () => {
    const first = (await (await call('GET', `/v1/cases/${caseId}/audit?limit=1`, keys.auditor.token)).json()) as { events: AuditEvent[]; next: number | null };
    expect(first.events.map((e) => e.seq)).toEqual([1]);
    expect(first.next).toBe(1);
    const second = (await (await call('GET', `/v1/cases/${caseId}/audit?after=1&limit=1`, keys.auditor.token)).json()) as { events: AuditEvent[] };
    expect(second.events.map((e) => e.seq)).toEqual([2]);
    for (const query of ['limit=0', 'limit=5000', 'after=-1', 'after=abc', 'after[$gt]=0', 'surprise=1']) {
      expect({ query, status: (await call('GET', `/v1/cases/${caseId}/audit?${query}`, keys.auditor.token)).status }).toEqual({ query, status: 400 });
    }
  });

  it('verifies the chain as valid', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit/verify`, keys.auditor.token);
    expect(res.status).toBe(200);
    const { events } = (await (await call('GET', `/v1/cases/${caseId}/audit`, keys.auditor.token)).json()) as { events: AuditEvent[] };
    const verified = (await res.json()) as { events: number };
    // Every event keyed; the first event of a chain is sealed by the append path (there was no checkpoint yet).
    expect(verified).toEqual({ valid: true, events: expect.any(Number), schemes: { unkeyed: 0, keyed: verified.events }, checkpoint: expect.objectContaining({ seq: expect.any(Number) }) });
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('exports the chain as NDJSON with its signed checkpoints, which re-hashes and verifies offline (library and CLI)', async () => {
    const res = await call('GET', `/v1/cases/${caseId}/audit/export`, keys.auditor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    const records = text.trim().split('\n').map((line) => JSON.parse(line) as AuditEvent & { checkpoint?: { seq: number; keyId: string } });
    const lines = records.filter((r) => !r.checkpoint);
    // The workflow's phase events interleave with the API's.
    expect(lines.map((e) => e.action).filter((a) => !a.startsWith('phase.'))).toEqual(['case.opened', 'case.started']);
    // The first event sealed itself; each phase end the workflow records adds a checkpoint.
    const checkpoints = records.filter((r) => r.checkpoint).map((r) => r.checkpoint!);
    expect(checkpoints[0]).toEqual(expect.objectContaining({ seq: 1, keyId: publicKey.keyId }));
    for (const c of checkpoints) expect(c.keyId).toBe(publicKey.keyId);
    let prev: string | null = null;
    for (const { prevHash, hash, mac, ...body } of lines) {
      expect(body).toMatchObject({ v: 2, keyId: publicKey.auditKeyId });
      expect(mac).toMatch(/^[0-9a-f]{64}$/);
      expect(prevHash).toBe(prev);
      expect(chainHash(prevHash, body)).toBe(hash);
      prev = hash;
    }
    expect(verifyAuditExport(text, publicKey.publicKey)).toMatchObject({ valid: true, events: lines.length, checkpoint: { seq: checkpoints[checkpoints.length - 1]!.seq } });
    writeFileSync(join(work, 'intact.ndjson'), text);
    expect(await verifyFile(join(work, 'intact.ndjson'), join(work, 'public-key.json'))).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('records key creation in the global trail with the admin as actor', async () => {
    const seen: AuditEvent[] = [];
    let after = 0;
    for (;;) {
      const page = (await (await call('GET', `/v1/cases/global/audit?after=${after}&limit=1000`, keys.auditor.token)).json()) as { events: AuditEvent[]; next: number | null };
      seen.push(...page.events);
      if (page.next === null) break;
      after = page.next;
    }
    const created = seen.find((e) => e.action === 'key.created' && e.subject.id === keys.auditor.id);
    expect(created).toMatchObject({ caseId: 'global', actor: { id: 'bootstrap-admin', role: 'admin' }, subject: { type: 'api-key' }, data: { role: 'auditor' } });
    expect((await (await call('GET', '/v1/cases/global/audit/verify', keys.auditor.token)).json()) as { valid: boolean }).toMatchObject({ valid: true });
  });

  it('answers 404 for the trail of an unknown case, without echoing the id', async () => {
    const res = await call('GET', '/v1/cases/someone@example.cn/audit', keys.auditor.token);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('someone@example.cn');
  });

  it('reports valid:false, the first broken seq and the kind after an event is edited in the database; the CLI agrees offline', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const result = await client.db().collection('audit_events').updateOne({ _id: `${caseId}:0000000001` as never }, { $set: { 'data.kind': 'merger' } });
      expect(result.modifiedCount).toBe(1);
    } finally {
      await client.close();
    }
    const res = await call('GET', `/v1/cases/${caseId}/audit/verify`, keys.auditor.token);
    expect(await res.json()).toMatchObject({ valid: false, events: expect.any(Number), firstBrokenAt: 1, kind: 'edited' });
    const exported = await call('GET', `/v1/cases/${caseId}/audit/export`, keys.auditor.token);
    writeFileSync(join(work, 'edited.ndjson'), await exported.text());
    const run = await verifyFile(join(work, 'edited.ndjson'), join(work, 'public-key.json'));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('edited at event 1');
  }, 60_000);
});
