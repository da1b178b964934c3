import { MongoClient } from 'mongodb';
import { adminToken, CHINESE_HEADER, gbkCsv, testEnv, waitUntil } from '@handover/testing';

/**
 * Issue 14 (API slice), through the running admin API: the case list pages through many cases in
 * a stable order (keyset, newest first, ties by id) with filters and search by case-id prefix or
 * company name (never by a person's name); a draft is edited with PATCH (409 once started); policy
 * retention rules and handover fields are validated on open and edit, and retention set through
 * POST /v1/cases drives the legal holds; incidents are listed in pages.
 *
 * CASE_LIST_E2E_CASES sets how many cases the paging test opens (default 1,000).
 */
const CASES = Number(process.env['CASE_LIST_E2E_CASES'] ?? 1000);
const KINDS = ['bankruptcy', 'merger', 'division', 'dissolution', 'asset-sale', 'equity-transfer', 'branch-deregistration'] as const;

interface ListItem {
  id: string;
  kind: string;
  jurisdiction: string;
  status: string;
  phase: string;
  createdAt: string;
  transferor: { name: string };
  recipient?: { name: string };
  routes?: { onHold: number; customers: number; byRoute: Record<string, number> };
  nextDeadline: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}
interface FieldErrors {
  code: string;
  fields: Array<{ field: string }>;
}

describe('case list, draft edit and case policy through the admin API', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  const call = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken()}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const list = async (query: string): Promise<Page<ListItem>> => {
    const res = await call('GET', `/v1/cases?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page<ListItem>;
  };
  const caseBody = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    kind: KINDS[i % KINDS.length],
    transferor: { name: `ListCo ${stamp} No.${i}`, contact: '010-12345678' },
    ...(i % 10 === 0 && {
      recipient: { name: `Buyer ${stamp} Special`, contact: '021-1', email: 'dpo@buyer.example', country: 'CN', ...(KINDS[i % KINDS.length] === 'branch-deregistration' && { sameLegalEntity: false }) },
    }),
    manager: { name: `Mgr${stamp} 李`, email: `mgr.${i}@example.cn` },
    ...extra,
  });
  const open = async (body: Record<string, unknown>): Promise<string> => {
    const res = await call('POST', '/v1/cases', body);
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const byKind = new Map<string, number>();
  const opened: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < CASES) {
        const i = next++;
        byKind.set(KINDS[i % KINDS.length]!, (byKind.get(KINDS[i % KINDS.length]!) ?? 0) + 1);
        opened.push(await open(caseBody(i)));
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(`case-list e2e: opened ${CASES} cases through POST /v1/cases in ${Date.now() - started} ms`);
  }, 1_800_000);

  it(`pages through ${CASES} cases newest first, ties by id, each exactly once, with the total on every page`, async () => {
    const started = Date.now();
    const seen: ListItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let added = '';
    do {
      const page: Page<ListItem> = await list(`q=${stamp}&limit=${pages === 0 ? 97 : 500}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      // The total counts the filtered list as it is now: the case opened after page 1 included.
      expect(page.total).toBe(pages === 0 ? CASES : CASES + 1);
      seen.push(...page.items);
      cursor = page.nextCursor;
      // A case opened mid-walk is newer than every cursor: the walk neither sees it nor shifts.
      if (pages++ === 0) added = await open(caseBody(1));
    } while (cursor);
    console.log(`case-list e2e: paged through ${CASES} cases in ${pages} pages, ${Date.now() - started} ms`);
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(CASES);
    expect(new Set(ids)).toEqual(new Set(opened));
    expect(ids).not.toContain(added);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      const ordered = a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
      expect({ at: i, ordered }).toEqual({ at: i, ordered: true });
    }
    expect(seen[0]).toMatchObject({ status: 'draft', phase: 'opened', jurisdiction: 'CN-PIPL', nextDeadline: null });
    expect(seen[0]?.transferor.name).toContain(stamp);
    expect((await list(`q=${stamp}&limit=1`)).total).toBe(CASES + 1);
  }, 600_000);

  it('filters by kind, status and phase, and searches company names case-insensitively and case-id prefixes, never people', async () => {
    const merger = await list(`q=${stamp}&kind=merger&limit=500`);
    expect(merger.total).toBe((byKind.get('merger') ?? 0) + 1); // + the case opened mid-walk (No.1, a merger)
    expect(merger.items.every((item) => item.kind === 'merger')).toBe(true);
    expect((await list(`q=${stamp}&status=draft&limit=1`)).total).toBe(CASES + 1);
    expect((await list(`q=${stamp}&status=running&limit=1`)).total).toBe(0);
    expect((await list(`q=${stamp}&phase=inventory&limit=1`)).total).toBe(0);

    const buyers = await list(`q=${encodeURIComponent(`buyer ${stamp.toLowerCase()} spec`)}&limit=500`);
    expect(buyers.total).toBe(Math.ceil(CASES / 10));
    expect(buyers.items.every((item) => item.recipient?.name === `Buyer ${stamp} Special`)).toBe(true);
    const sevens = await list(`q=${encodeURIComponent(`listco ${stamp.toLowerCase()} no.7`)}&limit=500`);
    expect(sevens.total).toBe(Array.from({ length: CASES }, (_, i) => String(i)).filter((n) => n.startsWith('7')).length);
    expect(sevens.items.every((item) => item.transferor.name.startsWith(`ListCo ${stamp} No.7`))).toBe(true);

    const target = opened[3]!;
    const byId = await list(`q=${target.slice(0, 14)}`);
    expect(byId.items.map((item) => item.id)).toContain(target);
    // The manager is a person: not indexed, not found; a regex in q is a plain substring.
    expect((await list(`q=${encodeURIComponent(`mgr${stamp}`)}`)).total).toBe(0);
    expect((await list(`q=${encodeURIComponent('.*')}`)).total).toBe(0);
  }, 120_000);

  it('refuses a bad limit, cursor or filter with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['status=open', 'status'],
      ['kind=sale', 'kind'],
      ['phase=nowhere', 'phase'],
      ['q=', 'q'],
    ] as const) {
      const res = await call('GET', `/v1/cases?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect([...new Set(((await res.json()) as FieldErrors).fields.map((f) => f.field))]).toEqual([field]);
    }
  });

  it("lists a non-admin only their team's cases, each with the counters of its status", async () => {
    const team = await call('POST', '/v1/teams', { name: `list-e2e-${stamp}` });
    expect(team.status).toBe(201);
    const teamId = ((await team.json()) as { id: string }).id;
    const key = await call('POST', '/v1/keys', { name: `list-e2e-${stamp}`, role: 'case-manager', team: teamId });
    expect(key.status).toBe(201);
    const token = ((await key.json()) as { token: string }).token;
    const asTeam = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${env.adminUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    const created = await asTeam('POST', '/v1/cases', caseBody(CASES + 1));
    expect(created.status).toBe(201);
    const ownCase = ((await created.json()) as { id: string }).id;
    const mine = (await (await asTeam('GET', '/v1/cases?limit=50')).json()) as Page<ListItem & { counters?: Record<string, number> }>;
    expect(mine.total).toBe(1);
    expect(mine.items.map((item) => item.id)).toEqual([ownCase]);
    expect(mine.items[0]?.counters).toMatchObject({ customers: 0, notified: 0 });
    // The admin spans teams: the new case is on its first page, the other team's cases too.
    const all = await list('limit=5');
    expect(all.items.map((item) => item.id)).toContain(ownCase);
    expect(all.total).toBeGreaterThan(CASES);
  });

  it('edits a draft (parties, policy) and refuses the edit with 409 once the case has started', async () => {
    const id = await open(caseBody(10, { policy: { requestDeadline: 'P10D' } }));
    const renamed = `Renamed ${stamp} 有限公司`;
    const patched = await call('PATCH', `/v1/cases/${id}`, {
      transferor: { name: renamed, contact: '010-7654321' },
      recipient: null,
      policy: { retention: ['cn-pipl.retention.accounting-archives'], handoverFields: ['customerId', 'name'] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({ id, status: 'draft' });
    const found = await list(`q=${encodeURIComponent(renamed.toLowerCase())}`);
    expect(found.items.map((item) => [item.id, item.recipient])).toEqual([[id, undefined]]);
    expect((await list(`q=${encodeURIComponent(`ListCo ${stamp} No.10`)}`)).items.map((item) => item.id)).not.toContain(id);
    const client = await MongoClient.connect(env.mongoUri);
    try {
      const stored = await client.db().collection<{ _id: string; policy: Record<string, unknown>; searchNames: string[] }>('cases').findOne({ _id: id });
      // Policy fields given replace the stored ones; the others stay. Search names are company names only.
      expect(stored?.policy).toMatchObject({ requestDeadline: 'P10D', retention: ['cn-pipl.retention.accounting-archives'], handoverFields: ['customerId', 'name'], waitingPeriod: 'P30D' });
      expect(stored?.searchNames).toEqual([renamed.toLowerCase()]);
      expect(JSON.stringify(stored)).not.toContain(`Mgr${stamp}`);
    } finally {
      await client.close();
    }

    for (const [body, field] of [
      [{ policy: { retention: ['cn-pipl.retention.no-such-rule'] } }, 'policy.retention.0'],
      [{ policy: { handoverFields: ['customerId', 'password'] } }, 'policy.handoverFields'],
      [{ policy: { handoverFields: [] } }, 'policy.handoverFields'],
      [{ manager: { name: '李' } }, 'manager.email'],
      [{ kind: 'merger' }, 'kind'],
    ] as const) {
      const res = await call('PATCH', `/v1/cases/${id}`, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(((await res.json()) as FieldErrors).fields.map((f) => f.field)).toContain(field);
    }
    expect((await call('PATCH', `/v1/cases/cs_unknown${stamp}`, { policy: { waitingPeriod: 'P40D' } })).status).toBe(404);

    expect((await call('POST', `/v1/cases/${id}/start`)).status).toBe(202);
    const refused = await call('PATCH', `/v1/cases/${id}`, { policy: { waitingPeriod: 'P40D' } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe('CASE_NOT_DRAFT');
  }, 60_000);

  it('validates retention and handover fields on open; retention set through POST /v1/cases puts the held customer on hold', async () => {
    const retention = ['cn-pipl.retention.accounting-archives'];
    const bad = await call('POST', '/v1/cases', caseBody(1, { policy: { retention: ['cn-pipl.retention.typo'] } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as FieldErrors).fields).toEqual([{ field: 'policy.retention.0', reason: expect.any(String) }]);
    const eu = await call('POST', '/v1/cases', caseBody(1, { jurisdiction: 'EU-GDPR', policy: { retention } }));
    expect(eu.status).toBe(400);
    expect((await call('POST', '/v1/cases', caseBody(1, { policy: { handoverFields: ['bankCard', 'cvv'] } }))).status).toBe(400);

    const held = await open(caseBody(2, { kind: 'asset-sale', policy: { retention } }));
    const plain = await open(caseBody(2, { kind: 'asset-sale' }));
    // Six customers; the last bought in 2025, so a 30-year accounting retention is still running.
    const rows = Array.from({ length: 6 }, (_, i) => [`R${stamp}-${i}`, '个人', `顾客${i}`, `ret.${stamp}.${i}@example.cn`, '', '', '', '', '金饰', i === 5 ? '2025-06-01' : '', '', '', '']);
    for (const id of [held, plain]) {
      const uploaded = await fetch(`${env.adminUrl}/v1/cases/${id}/inventory`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'text/csv' },
        body: gbkCsv([CHINESE_HEADER, ...rows]),
      });
      expect(uploaded.status).toBe(202);
    }
    const routed = await waitUntil(
      async () => (await list(`q=${encodeURIComponent(`ListCo ${stamp} No.2`)}&limit=10`)).items.filter((item) => item.id === held || item.id === plain),
      (items) => items.length === 2 && items.every((item) => item.routes?.customers === 6),
      120_000,
      'routes of both cases',
    );
    const onHold = Object.fromEntries(routed.map((item) => [item.id === held ? 'held' : 'plain', item.routes?.onHold]));
    expect(onHold).toEqual({ held: 1, plain: 0 });
  }, 180_000);

  it('lists incidents newest first, filtered by drill, in pages', async () => {
    const title = `演练 ${stamp}`;
    const ids: string[] = [];
    for (const drill of [true, true, false]) {
      const res = await call('POST', '/v1/incidents', { title, detectedAt: new Date().toISOString(), categories: ['contact'], drill });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const drills = (await (await call('GET', '/v1/incidents?drill=true&limit=500')).json()) as Page<{ id: string; drill: boolean; title: string }>;
    expect(drills.items.every((item) => item.drill)).toBe(true);
    const mine = drills.items.filter((item) => item.title === title).map((item) => item.id);
    expect(mine).toEqual([ids[1], ids[0]]);
    const first = (await (await call('GET', '/v1/incidents?limit=1')).json()) as Page<{ id: string }>;
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(3);
    const second = (await (await call('GET', `/v1/incidents?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)).json()) as Page<{ id: string }>;
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const real = (await (await call('GET', '/v1/incidents?drill=false&limit=500')).json()) as Page<{ id: string; drill: boolean }>;
    expect(real.items.map((item) => item.id)).toContain(ids[2]);
    expect(real.items.every((item) => !item.drill)).toBe(true);
    const badDrill = await call('GET', '/v1/incidents?drill=yes');
    expect(badDrill.status).toBe(400);
    expect(((await badDrill.json()) as FieldErrors).fields.map((f) => f.field)).toEqual(['drill']);
  }, 60_000);
});
