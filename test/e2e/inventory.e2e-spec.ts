import { MongoClient } from 'mongodb';
import { adminToken, CHINESE_HEADER, gbkCsv, luhnCard, testEnv, validIdNumber, waitUntil } from '@handover/testing';

/**
 * Issue 3, through the running services: a GBK, CRLF, Chinese-header CSV with good and bad rows
 * is imported by the worker; counts are exact, every rejection names its field, no plaintext
 * personal value reaches any collection, and the inventory gate fixes the routes.
 */
describe('inventory import through the admin API and the worker', () => {
  const env = testEnv();
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const stamp = Date.now().toString(36);
  const email = (i: number) => `kehu${i}.${stamp}@example.cn`;
  const phone = (i: number) => `139${String(10_000_000 + i).slice(-8)}`;
  const good = Array.from({ length: 40 }, (_, i) => [
    `C${stamp}-${i}`, i % 5 === 0 ? '企业' : '个人', `客户${i}号`, email(i), phone(i),
    validIdNumber(i === 7 ? '2019-03-01' : '1985-06-15', i), '', `北京市朝阳区"测试"路${i}号`, '金饰;银饰', '2025/10/1 12:30', '1,280.50',
    i % 3 === 0 ? luhnCard(`62220210000${String(1000 + i)}`) : '', i === 1 ? '多行\r\n备注' : '',
  ]);
  const bad: Array<{ row: string[]; field: string }> = [
    { row: ['', '个人', '无编号', email(100), phone(100), '', '', '', '', '', '', '', ''], field: 'customer_id' },
    { row: [`C${stamp}-b1`, '个人', '坏邮箱', 'not-an-address', '', '', '', '', '', '', '', '', ''], field: 'email' },
    { row: [`C${stamp}-b2`, '个人', '坏手机', '', '12345', '', '', '', '', '', '', '', ''], field: 'phone' },
    { row: [`C${stamp}-b3`, '个人', '坏身份证', '', phone(103), '110105198506150011', '', '', '', '', '', '', ''], field: 'id_number' },
    { row: [`C${stamp}-b4`, '个人', '坏卡号', '', phone(104), '', '', '', '', '', '', '4111111111111112', ''], field: 'bank_card' },
    { row: [`C${stamp}-b5`, '个人', '坏日期', '', phone(105), '', '不是日期', '', '', '', '', '', ''], field: 'birth_date' },
    { row: [`C${stamp}-b6`, '个人', '多一列', '', phone(106), '', '', '', '', '', '', '', '', 'extra'], field: 'row' },
    { row: [`C${stamp}-0`, '个人', '重复编号', '', phone(107), '', '', '', '', '', '', '', ''], field: 'customer_id' },
  ];
  let caseId: string;

  beforeAll(async () => {
    const res = await api('/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'asset-sale',
        transferor: { name: '某某珠宝店', contact: '0755-88888888' },
        recipient: { name: '买方公司', contact: '021-66666666', email: 'dpo@buyer.example', country: 'CN' },
        manager: { name: '王清算', email: `mgr.${stamp}@example.cn` },
      }),
    });
    caseId = ((await res.json()) as { id: string }).id;
  });

  it('imports the file with exact counts and a named field for every rejected row', async () => {
    const body = gbkCsv([CHINESE_HEADER, ...good.slice(0, 20), ...bad.map((b) => b.row), ...good.slice(20)]);
    const res = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    const progress = await waitUntil(
      async () => (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json() as Promise<{ status: string; accepted: number; rejected: number; processed: number }>,
      (p) => p.status === 'done' || p.status === 'failed',
      90_000,
      'import done',
    );
    expect(progress).toMatchObject({ status: 'done', accepted: good.length, rejected: bad.length, processed: good.length + bad.length });

    const page = (await (await api(`/v1/cases/${caseId}/inventory/rejected`)).json()) as { items: Array<{ line: number; field: string; reason: string }>; total: number; nextCursor: string | null };
    const rejected = page.items;
    expect(page).toMatchObject({ total: bad.length, nextCursor: null });
    expect(rejected.map((r) => r.field).sort()).toEqual(bad.map((b) => b.field).sort());
    // The same rows one at a time: file order, each once, the cursor opaque.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const next = (await (await api(`/v1/cases/${caseId}/inventory/rejected?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as typeof page;
      expect(next.total).toBe(bad.length);
      paged.push(...next.items.map((r) => r.line));
      cursor = next.nextCursor;
    } while (cursor);
    expect(paged).toEqual(rejected.map((r) => r.line));
    expect([...paged].sort((a, b) => a - b)).toEqual(paged);
    const text = JSON.stringify(rejected);
    expect(text).not.toContain('not-an-address');
    expect(text).not.toContain('4111111111111112');
  }, 120_000);

  it('keeps no plaintext email, phone or ID number of the file in any collection', async () => {
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const db = client.db();
      const canaries = good.flatMap((row) => [row[3]!, row[4]!, row[5]!]).concat(['not-an-address', '110105198506150011']);
      for (const { name } of await db.listCollections().toArray()) {
        const raw = JSON.stringify(await db.collection(name).find({}).toArray());
        for (const canary of canaries) expect({ collection: name, found: raw.includes(canary) ? canary : null }).toEqual({ collection: name, found: null });
      }
    } finally {
      await client.close();
    }
  });

  it('shows provisional route counts, then the gate fixes them', async () => {
    type View = { counters: { customers: number }; routes: { byRoute: Record<string, number>; sealed: boolean; customers: number } };
    const view = await waitUntil(async () => (await (await api(`/v1/cases/${caseId}`)).json()) as View, (v) => v.counters.customers === good.length && v.routes !== undefined, 5_000, 'customers counted');
    expect(view.counters.customers).toBe(good.length);
    expect(view.routes.customers).toBe(good.length);
    // asset-sale → separate consent (PIPL Art. 23); the customer born in 2019 is a minor → guardian consent.
    expect(view.routes.byRoute['guardian-consent']).toBe(1);
    expect(view.routes.byRoute['separate-consent']).toBe(good.length - 1);
    expect(view.routes.sealed).toBe(false);

    expect((await api(`/v1/cases/${caseId}/start`, { method: 'POST' })).status).toBe(202);
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}`)).json()) as { gates: Array<{ name: string; state: string }> }, (v) => v.gates[0]?.state === 'pending', 60_000, 'gate pending');
    const note = `清单已核对 ${stamp}`;
    const approved = await api(`/v1/cases/${caseId}/gates/inventory/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note }) });
    expect(approved.status).toBe(200);
    // The note is kept with the decision (who, when) and served with it; stored encrypted.
    const gates = (await (await api(`/v1/cases/${caseId}/gates`)).json()) as { decisions: Array<{ gate: string; decision: string; decidedBy: string; decidedAt: string; note?: string }> };
    expect(gates.decisions).toEqual([{ gate: 'inventory', decision: 'approved', decidedBy: expect.any(String), decidedAt: expect.any(String), note }]);
    expect(Date.now() - Date.parse(gates.decisions[0]!.decidedAt)).toBeLessThan(60_000);
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const stored = await client.db().collection('gate_decisions').find({ caseId }).toArray();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(stamp);
    } finally {
      await client.close();
    }
    expect((await api('/v1/cases/cs_unknown/gates')).status).toBe(404);
    const sealed = await waitUntil(
      async () => (await (await api(`/v1/cases/${caseId}`)).json()) as { phase: string; routes: { sealed: boolean } },
      (v) => v.phase === 'legal-basis',
      60_000,
      'phase legal-basis',
    );
    expect(sealed.routes.sealed).toBe(true);
  }, 150_000);

  it('serves the impact assessment as JSON and as HTML', async () => {
    const json = await api(`/v1/cases/${caseId}/piia`);
    expect(json.status).toBe(200);
    const report = (await json.json()) as { final: boolean; content: unknown };
    expect(report.final).toBe(true);
    const html = await api(`/v1/cases/${caseId}/piia?format=html`);
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('charset="utf-8"');
    expect(page).not.toContain(email(1));
  });

  it('imports a JSON array upload (streamed), quarantining its invalid row like NDJSON', async () => {
    const opened = await api('/v1/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'merger', transferor: { name: `数组导入公司 ${stamp}`, contact: '010-1' }, manager: { name: '赵经理', email: `json.${stamp}@example.cn` } }),
    });
    const jsonCase = ((await opened.json()) as { id: string }).id;
    const rows: unknown[] = Array.from({ length: 30 }, (_, i) => ({ customer_id: `J${stamp}-${i}`, 姓名: `数组客户${i}`, email: `json${i}.${stamp}@example.cn`, products: ['金饰', '银饰'] }));
    rows.splice(12, 0, { customer_id: `J${stamp}-bad`, email: 'not-an-address' });
    const res = await api(`/v1/cases/${jsonCase}/inventory`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows, null, 2) });
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    const progress = await waitUntil(
      async () => (await api(`/v1/cases/${jsonCase}/inventory/imports/${importId}`)).json() as Promise<{ status: string; accepted: number; rejected: number; processed: number }>,
      (p) => p.status === 'done' || p.status === 'failed',
      90_000,
      'JSON import done',
    );
    expect(progress).toMatchObject({ status: 'done', accepted: 30, rejected: 1, processed: 31 });
    const rejected = (await (await api(`/v1/cases/${jsonCase}/inventory/rejected`)).json()) as { items: Array<{ importId: string; line: number; field: string }>; total: number };
    // `line` is the element's position in the array (1-based).
    expect(rejected).toMatchObject({ total: 1, items: [{ importId, line: 13, field: 'email' }] });
    expect(JSON.stringify(rejected)).not.toContain('not-an-address');
    const notArray = await api(`/v1/cases/${jsonCase}/inventory`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customer_id":"x"}' });
    expect(notArray.status).toBe(202);
    const notArrayId = ((await notArray.json()) as { importId: string }).importId;
    const failed = await waitUntil(
      async () => (await api(`/v1/cases/${jsonCase}/inventory/imports/${notArrayId}`)).json() as Promise<{ status: string; error?: string }>,
      (p) => p.status === 'done' || p.status === 'failed',
      60_000,
      'not-an-array import settled',
    );
    // The activity records IMPORT_UNREADABLE; the import workflow then records its own reason, which
    // reads IMPORT_FAILED today (it does not unwrap the ActivityFailure): either is a failed import.
    expect(failed.status).toBe('failed');
    expect(['IMPORT_UNREADABLE', 'IMPORT_FAILED']).toContain(failed.error);
  }, 150_000);

  it('rejects an unsupported content type with 415 and an unknown case with 404', async () => {
    expect((await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'x' })).status).toBe(415);
    expect((await api(`/v1/cases/cs_unknown/inventory`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a\r\n' })).status).toBe(404);
  });
});
