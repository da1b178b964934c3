import { adminToken, waitUntil } from '@handover/testing';
import { PortalFixture } from './portal-fixture';

/**
 * Bulk request actions and the inbox (issue 16): one filter, one action, exclusions or a selection
 * of ids; every matched request goes through the single-request action (its audit event). Another
 * team's key matches nothing. Without a case, GET /v1/requests lists the caller's cases' requests,
 * soonest due first.
 */
describe('POST /v1/requests/bulk through the admin API', () => {
  const fx = new PortalFixture();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const call = (token: string, method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${fx.env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const admin = (method: string, path: string, body?: unknown): Promise<Response> => call(adminToken(), method, path, body);

  let caseId = '';
  const ids: string[] = [];

  beforeAll(async () => {
    const opened = await fx.openCase('merger', 3);
    caseId = opened.caseId;
    for (const customer of opened.customers) {
      const filed = await admin('POST', '/v1/requests', { caseId, customerRef: customer.ref, type: 'access' });
      expect(filed.status).toBe(201);
      ids.push(((await filed.json()) as { id: string }).id);
    }
  }, 120_000);

  afterAll(async () => {
    await fx.close();
  });

  let otherTeamToken = '';
  const otherTeam = async (): Promise<string> => {
    if (otherTeamToken) return otherTeamToken;
    const team = await admin('POST', '/v1/teams', { name: `bulk-e2e-${stamp}` });
    expect(team.status).toBe(201);
    const key = await admin('POST', '/v1/keys', { name: `bulk-e2e-${stamp}`, role: 'case-manager', team: ((await team.json()) as { id: string }).id });
    expect(key.status).toBe(201);
    otherTeamToken = ((await key.json()) as { token: string }).token;
    return otherTeamToken;
  };

  type Summary = { id: string; caseId: string; dueAt: string; status: string };
  /** Every page of the inbox (GET /v1/requests without caseId). */
  const inbox = async (token: string, status = 'open'): Promise<Summary[]> => {
    const items: Summary[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(token, 'GET', `/v1/requests?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Summary[]; nextCursor: string | null };
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  it('lists every reachable case\'s requests without a caseId, soonest due first; another team sees none of them', async () => {
    const second = await fx.openCase('merger', 1);
    const filed = await admin('POST', '/v1/requests', { caseId: second.caseId, customerRef: second.customers[0]!.ref, type: 'delete' });
    expect(filed.status).toBe(201);
    const secondId = ((await filed.json()) as { id: string }).id;
    const all = await inbox(adminToken());
    const ours = all.filter((item) => [...ids, secondId].includes(item.id));
    expect(ours.map((item) => item.id).sort()).toEqual([...ids, secondId].sort());
    expect(new Set(ours.map((item) => item.caseId))).toEqual(new Set([caseId, second.caseId]));
    const dueTimes = all.map((item) => Date.parse(item.dueAt));
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    expect(await inbox(await otherTeam())).toEqual([]);
    const invalid = await admin('GET', '/v1/requests?caseId=not%20an%20id');
    expect(invalid.status).toBe(400);
  }, 60_000);

  it("another team's key matches none of the case's requests", async () => {
    const token = await otherTeam();
    const res = await call(token, 'POST', '/v1/requests/bulk', { filter: { caseId }, action: 'extend', reason: '人手不足，需延期处理' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ matched: 0, acted: 0, excluded: 0, skipped: [], more: false });
  }, 30_000);

  it('names the field at fault', async () => {
    const res = await admin('POST', '/v1/requests/bulk', { filter: { caseId }, action: 'erase', reason: 'x' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toContain('action');
  });

  it('extends every open request of the case but the excluded one, each with its audit event', async () => {
    const res = await admin('POST', '/v1/requests/bulk', { filter: { caseId, status: 'open' }, action: 'extend', reason: '人手不足，需延期处理', exclude: [ids[0]] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ matched: 3, acted: 2, excluded: 1, skipped: [], more: false });
    // The request workflow records the new due date on the request once signalled.
    const extendedOf = async (): Promise<Record<string, boolean>> =>
      Object.fromEntries(((await (await admin('GET', `/v1/requests?caseId=${caseId}`)).json()) as { items: Array<{ id: string; extended: boolean }> }).items.map((r) => [r.id, r.extended]));
    const expected = { [ids[0] as string]: false, [ids[1] as string]: true, [ids[2] as string]: true };
    expect(await waitUntil(extendedOf, (now) => JSON.stringify(now) === JSON.stringify(expected), 30_000, 'two requests extended')).toEqual(expected);
    const db = await fx.db();
    const events = await db.collection('audit_events').find({ caseId, action: 'request.extended' }).toArray();
    expect(events.map((e) => (e['subject'] as { id: string }).id).sort()).toEqual([ids[1], ids[2]].sort());

    // Run again: the two are already extended (skipped with the single action's code), the third is acted on.
    const again = await admin('POST', '/v1/requests/bulk', { filter: { caseId }, action: 'extend', reason: '人手不足，需延期处理' });
    const body = (await again.json()) as { acted: number; skipped: Array<{ id: string; code: string }> };
    expect(body.acted).toBe(1);
    expect(body.skipped.map((s) => s.code)).toEqual(['REQUEST_ALREADY_EXTENDED', 'REQUEST_ALREADY_EXTENDED']);
  }, 60_000);

  it('acts on a selection of ids only (the console\'s bulk bar), and an id outside the caller\'s cases matches nothing', async () => {
    const other = await call(await otherTeam(), 'POST', '/v1/requests/bulk', { filter: { ids: [ids[0]] }, action: 'resolve', reason: '已按要求提供' });
    expect(await other.json()).toEqual({ matched: 0, acted: 0, excluded: 0, skipped: [], more: false });
    const res = await admin('POST', '/v1/requests/bulk', { filter: { ids: [ids[0]], status: 'open' }, action: 'resolve', reason: '已按要求提供' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ matched: 1, acted: 1, excluded: 0, skipped: [], more: false });
    const statuses = async (): Promise<Record<string, string>> =>
      Object.fromEntries(((await (await admin('GET', `/v1/requests?caseId=${caseId}`)).json()) as { items: Summary[] }).items.map((r) => [r.id, r.status]));
    const expected = { [ids[0] as string]: 'resolved', [ids[1] as string]: 'open', [ids[2] as string]: 'open' };
    expect(await waitUntil(statuses, (now) => JSON.stringify(now) === JSON.stringify(expected), 30_000, 'the selected request resolved')).toEqual(expected);
    const empty = await admin('POST', '/v1/requests/bulk', { filter: { ids: [] }, action: 'resolve', reason: 'x' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toContain('filter.ids');
  }, 60_000);
});
