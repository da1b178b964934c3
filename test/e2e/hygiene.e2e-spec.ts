import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { BSON, MongoClient } from 'mongodb';
import { caseWorkflowId, importWorkflowId } from '@handover/contracts';
import { ENCRYPTED_ENCODING } from '@handover/crypto';
import { adminToken, luhnCard, testEnv, validIdNumber, waitUntil } from '@handover/testing';

/**
 * Personal-data hygiene over a whole case, against the running stack (issue 7, "must show" 4): a
 * case of its own with an inventory full of canaries (unique emails, phones, ID numbers, cards,
 * names, addresses), imported, started, through the inventory gate. Then no canary may appear in
 * any log file, in the Temporal histories of the case's workflows read WITHOUT the codec (where
 * every payload must be `binary/encrypted`), or in any MongoDB collection. The codec endpoint
 * decodes those payloads for an admin or auditor only.
 */
describe('personal-data hygiene after a full case', () => {
  const env = testEnv();
  const admin = adminToken();
  const stamp = `${Date.now().toString(36)}${randomInt(1_000_000).toString(36)}`;
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
  const rows = Array.from({ length: 12 }, (_, i) => ({
    customer_id: `H${stamp}-${i}`,
    type: i === 3 ? 'enterprise' : 'individual',
    name: `金丝雀${stamp}${i}号`,
    email: `canary.${stamp}.${i}@hygiene.example.cn`,
    phone: `13${randomInt(3, 10)}${digits(8)}`,
    id_number: validIdNumber(`19${50 + randomInt(45)}-0${1 + randomInt(9)}-1${randomInt(10)}`, randomInt(1000)),
    address: `上海市浦东新区金丝雀路${stamp}号${i}室`,
    products: ['黄金', '钻石'],
    bank_card: luhnCard(`622202${digits(9)}`),
    notes: `hygiene-note-${stamp}-${i}`,
  }));
  // A quarantined row: kept (encrypted) for correction, never in clear.
  const rejected = { customer_id: `H${stamp}-bad`, type: 'individual', name: `坏行${stamp}`, email: `not-an-address-${stamp}`, phone: `15${digits(9)}` };
  const manager = { name: `经理${stamp}`, email: `manager.${stamp}@hygiene.example.cn` };
  const canaries = [
    ...rows.flatMap((r) => [r.name, r.email, r.phone, r.id_number, r.address, r.bank_card, r.notes]),
    rejected.name, rejected.email, rejected.phone, manager.name, manager.email,
  ];
  const keys: Record<'manager' | 'auditor', { id: string; token: string }> = { manager: { id: '', token: '' }, auditor: { id: '', token: '' } };
  let caseId = '';
  let importId = '';

  const call = (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), ...headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${method} ${path} failed: ${cause?.code ?? ''} ${cause?.message ?? String(error)}`);
    });
  const status = async () => (await (await call('GET', `/v1/cases/${caseId}`, keys.manager.token)).json()) as { phase: string; gates: Array<{ name: string; state: string }> };
  const found = (haystack: Buffer | string): string[] => canaries.filter((canary) => haystack.includes(canary));

  beforeAll(async () => {
    for (const [name, role] of [['manager', 'case-manager'], ['auditor', 'auditor']] as const) {
      const res = await call('POST', '/v1/keys', admin, { name: `hygiene-e2e-${name}`, role, team: 'default' });
      expect(res.status).toBe(201);
      keys[name] = (await res.json()) as { id: string; token: string };
    }
    const opened = await call('POST', '/v1/cases', keys.manager.token, {
      kind: 'merger',
      transferor: { name: `转让方${stamp}`, contact: '010-66668888' },
      recipient: { name: `受让方${stamp}`, contact: '021-55557777', email: `dpo.${stamp}@hygiene.example.cn`, country: 'CN' },
      manager,
      policy: { waitingPeriod: 'PT5S', consentDeadline: 'PT5S', thirdPartyDeadline: 'PT5S' },
    });
    expect(opened.status).toBe(201);
    caseId = ((await opened.json()) as { id: string }).id;

    const ndjson = [...rows, rejected].map((row) => JSON.stringify(row)).join('\n') + '\n';
    const upload = await call('POST', `/v1/cases/${caseId}/inventory`, keys.manager.token, ndjson, { 'content-type': 'application/x-ndjson' });
    expect(upload.status).toBe(202);
    importId = ((await upload.json()) as { importId: string }).importId;
    const progress = await waitUntil(
      async () => (await (await call('GET', `/v1/cases/${caseId}/inventory/imports/${importId}`, keys.manager.token)).json()) as { status: string; accepted: number; rejected: number },
      (p) => p.status === 'done' || p.status === 'failed',
      120_000,
      'import done',
    );
    expect(progress).toMatchObject({ status: 'done', accepted: rows.length, rejected: 1 });

    expect((await call('POST', `/v1/cases/${caseId}/start`, keys.manager.token)).status).toBe(202);
    await waitUntil(status, (v) => v.gates.some((g) => g.name === 'inventory' && g.state === 'pending'), 120_000, 'inventory gate pending');
    expect((await call('POST', `/v1/cases/${caseId}/gates/inventory/approve`, keys.manager.token, {})).status).toBe(200);
    // legal-basis or any later phase: the case has gone through the gate and its routes are fixed.
    await waitUntil(status, (v) => !['opened', 'inventory'].includes(v.phase), 120_000, 'phase legal-basis');
    // Let the worker's last log lines and activity completions land before looking.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }, 420_000);

  afterAll(async () => {
    for (const { id } of Object.values(keys)) if (id) await call('DELETE', `/v1/keys/${id}`, admin);
  });

  it('has scanners that find a planted canary (so that the zero counts below mean something)', () => {
    expect(found(Buffer.from(JSON.stringify({ rows, rejected, manager })))).toEqual(canaries);
    const planted = temporal.api.history.v1.History.create({
      events: [{ workflowExecutionStartedEventAttributes: { input: { payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify({ email: manager.email })) }] } } }],
    });
    expect(payloadsOf(planted).map(({ path, encoding }) => ({ path, encoding }))).toEqual([{ path: 'history.events.0.workflowExecutionStartedEventAttributes.input.payloads.0', encoding: 'json/plain' }]);
    expect(found(Buffer.from(temporal.api.history.v1.History.encode(planted).finish()))).toEqual([manager.email]);
    expect(found(Buffer.from(BSON.serialize({ personal: { phone: rejected.phone, name: rejected.name } })))).toEqual([rejected.name, rejected.phone]);
  });

  it('finds no canary in any log file of the run', () => {
    const dir = join(env.dataDir, 'logs');
    const files = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
    expect(files).toEqual(expect.arrayContaining(['admin-api.log', 'worker.log', 'portal.log']));
    const hits = files.flatMap((name) => found(readFileSync(join(dir, name))).map((canary) => `${name}: ${canary}`));
    expect(hits).toEqual([]);
    // The logs did record this case: the scan looked at the right run.
    expect(readFileSync(join(dir, 'worker.log'), 'utf8')).toContain(caseId);
  });

  describe('Temporal histories read without the codec', () => {
    let connection: Connection;
    let plain: Client;
    const histories = new Map<string, temporal.api.history.v1.IHistory>();

    beforeAll(async () => {
      connection = await Connection.connect({ address: env.temporalAddress });
      plain = new Client({ connection, namespace: 'default' });
      const ids = new Set([caseWorkflowId(caseId), importWorkflowId(caseId, importId)]);
      // Any other workflow of the case (children, later phases) is found through visibility.
      for await (const execution of plain.workflow.list({ query: `WorkflowId STARTS_WITH "${caseWorkflowId(caseId)}"` })) ids.add(execution.workflowId);
      for (const id of ids) histories.set(id, await plain.workflow.getHandle(id).fetchHistory());
    }, 60_000);

    afterAll(async () => {
      await connection?.close();
    });

    it('holds only encrypted payloads, outside search attributes', () => {
      expect([...histories.keys()]).toEqual(expect.arrayContaining([caseWorkflowId(caseId), importWorkflowId(caseId, importId)]));
      for (const [id, history] of histories) {
        const encodings = payloadsOf(history).filter((p) => !isPatchMarker(p)).map((p) => ({ id, path: p.path, encoding: p.encoding }));
        expect(encodings.length).toBeGreaterThan(0);
        expect(encodings.filter((e) => e.encoding !== ENCRYPTED_ENCODING)).toEqual([]);
        // Failure messages go through the codec too (encodeCommonAttributes).
        expect(failureMessagesOf(history).filter((message) => message !== 'Encoded failure')).toEqual([]);
      }
    });

    it('contains no canary anywhere in the serialized histories or in the executions\' ids, memos and search attributes', async () => {
      for (const [id, history] of histories) {
        const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
        expect({ id, hits: found(bytes) }).toEqual({ id, hits: [] });
        const description = await plain.workflow.getHandle(id).describe();
        const raw = Buffer.from(temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(description.raw).finish());
        expect({ id, hits: found(raw) }).toEqual({ id, hits: [] });
      }
    });

    describe('the codec endpoint', () => {
      const started = () => {
        const event = histories.get(caseWorkflowId(caseId))?.events?.[0];
        const payload = event?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
        if (!payload) throw new Error('the case workflow history has no start input');
        return { payloads: [toJsonPayload(payload)] };
      };

      it('decodes a payload of that history for an admin and an auditor', async () => {
        for (const token of [admin, keys.auditor.token]) {
          const res = await call('POST', '/codec/decode', token, started(), { 'x-namespace': 'default' });
          expect(res.status).toBe(200);
          const [payload] = ((await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> }).payloads;
          expect(Buffer.from(payload?.metadata['encoding'] ?? '', 'base64').toString()).toBe('json/plain');
          expect(JSON.parse(Buffer.from(payload?.data ?? '', 'base64').toString())).toMatchObject({ caseId });
        }
      });

      it('refuses without a token (401) and with a case-manager key (403), saying nothing of the payload', async () => {
        const anonymous = await call('POST', '/codec/decode', undefined, started());
        expect(anonymous.status).toBe(401);
        const manager = await call('POST', '/codec/decode', keys.manager.token, started());
        expect(manager.status).toBe(403);
        expect(await manager.json()).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'role case-manager may not do this' });
        expect(anonymous.headers.get('cache-control')).toBe('no-store');
      });
    });
  });

  it('finds no canary in any MongoDB collection', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const db = client.db();
      const collections = (await db.listCollections().toArray()).map((c) => c.name);
      expect(collections).toEqual(expect.arrayContaining(['cases', 'customers']));
      const hits: string[] = [];
      let documents = 0;
      for (const name of collections) {
        // Raw BSON: strings and binaries as stored, whatever their field.
        for await (const doc of db.collection(name).find({}, { raw: true })) {
          documents++;
          hits.push(...found(doc as unknown as Buffer).map((canary) => `${name}: ${canary}`));
        }
      }
      expect(documents).toBeGreaterThan(rows.length);
      expect(hits).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

interface FoundPayload {
  path: string;
  encoding: string;
  /** The data as text, for the patch markers the SDK writes outside the codec. */
  text: string;
}

/**
 * The SDK records a `patched()` marker with the patch id in plain JSON, outside the payload codec:
 * `{"id":"verified-approvals-v1","deprecated":false}`, a code version's name, never a person's data.
 */
const isPatchMarker = (p: FoundPayload): boolean =>
  /\.markerRecordedEventAttributes\.details\.patch-data\.payloads\.\d+$/.test(p.path) && /^\{"id":"[a-z0-9-]+","deprecated":(true|false)\}$/.test(p.text);

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/** Every Payload in a history (as a plain object tree), with its path; search attributes are left out (never encrypted, by design). */
function payloadsOf(history: temporal.api.history.v1.IHistory): FoundPayload[] {
  const out: FoundPayload[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object' || isBytes(node)) return;
    const record = node as Record<string, unknown>;
    const metadata = record['metadata'];
    if (metadata && typeof metadata === 'object' && !Array.isArray(metadata) && Object.values(metadata).every(isBytes)) {
      const encoding = (metadata as Record<string, Uint8Array>)['encoding'];
      const data = record['data'];
      out.push({ path, encoding: encoding ? Buffer.from(encoding).toString('utf8') : '(none)', text: isBytes(data) ? Buffer.from(data).toString('utf8') : '' });
      return;
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'searchAttributes') continue;
      walk(child, `${path}.${key}`);
    }
  };
  walk(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.decode(temporal.api.history.v1.History.encode(history).finish()), { defaults: false }), 'history');
  return out;
}

/** The `message` of every Failure in a history. */
function failureMessagesOf(history: temporal.api.history.v1.IHistory): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || isBytes(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if ((key === 'failure' || key === 'cause') && child && typeof child === 'object') {
        const message = (child as { message?: unknown }).message;
        if (typeof message === 'string') out.push(message);
      }
      walk(child);
    }
  };
  walk(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.decode(temporal.api.history.v1.History.encode(history).finish()), { defaults: false }));
  return out;
}

/** A history payload in the remote codec protocol's JSON (base64 bytes), as the Temporal UI sends it. */
function toJsonPayload(payload: temporal.api.common.v1.IPayload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
