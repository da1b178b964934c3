import { join } from 'node:path';
import { adminToken, waitUntil } from '@handover/testing';
import { PortalFixture } from '../portal-fixture';
import { openPage, SCREENSHOTS, signIn, useChromium } from './console-browser';

/**
 * Issue 16, the requests inbox: a case manager of a team of its own signs in to the console; the
 * requests page lists the open requests of both of the team's cases at once (the case named on each
 * row, soonest due first); two ticked rows are extended at once (one reason, POST
 * /v1/requests/bulk with their ids) and the API then shows exactly those two extended.
 */
describe('the console requests inbox in a browser: every case of the team, a selection extended at once', () => {
  const fx = new PortalFixture();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const browser = useChromium();
  const call = async (token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${fx.env.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };
  let token = '';
  const requests: Array<{ id: string; caseId: string }> = [];

  beforeAll(async () => {
    const team = await call(adminToken(), 'POST', '/v1/teams', { name: `inbox-${stamp}` });
    expect(team.status).toBe(201);
    const key = await call(adminToken(), 'POST', '/v1/keys', { name: `inbox-${stamp}`, role: 'case-manager', team: (team.json as { id: string }).id });
    expect(key.status).toBe(201);
    token = (key.json as { token: string }).token;
    for (const adults of [2, 1]) {
      const opened = await fx.openCase('merger', adults, { token });
      for (const customer of opened.customers) {
        const filed = await call(token, 'POST', '/v1/requests', { caseId: opened.caseId, customerRef: customer.ref, type: 'access' });
        expect(filed.status).toBe(201);
        requests.push({ id: (filed.json as { id: string }).id, caseId: opened.caseId });
      }
    }
  }, 240_000);

  afterAll(async () => {
    await fx.close();
  });

  it("lists both cases' requests without choosing a case, and extends the two ticked ones with one reason", async () => {
    const problems: string[] = [];
    const { context, page } = await openPage(browser(), { width: 1440, height: 900 }, problems);
    try {
      await signIn(page, 'zh-CN', token);
      await page.getByRole('link', { name: '个人权利请求' }).first().click();
      await page.getByRole('heading', { level: 1, name: '个人权利请求' }).waitFor();
      const table = page.getByRole('region', { name: '个人权利请求' });
      await waitUntil(() => table.locator('.ant-table-row').count(), (rows) => rows === requests.length, 30_000, 'the three requests listed');
      // The case column names both cases; no case was chosen.
      for (const caseId of new Set(requests.map((r) => r.caseId))) expect(await table.getByRole('link', { name: caseId }).count()).toBeGreaterThan(0);

      const chosen = requests.slice(0, 2);
      for (const request of chosen) await page.getByRole('checkbox', { name: request.id }).check();
      await page.getByText('已选 2 项').waitFor();
      await page.getByRole('button', { name: '延期' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('延期：2 项请求').waitFor();
      await dialog.getByLabel('理由（延期或拒绝时发送给每位客户）').fill('人手不足，需延期处理');
      await dialog.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('已处理 2 项，0 项按规则未能处理').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'console-requests-inbox-1440-zh-CN.png'), fullPage: true });

      const extended = async (): Promise<Record<string, boolean>> => {
        const { json } = await call(token, 'GET', '/v1/requests?status=open');
        return Object.fromEntries((json as { items: Array<{ id: string; extended: boolean }> }).items.map((r) => [r.id, r.extended]));
      };
      const expected = Object.fromEntries(requests.map((r, i) => [r.id, i < 2]));
      const settled = (now: Record<string, boolean>) => Object.keys(now).length === requests.length && requests.every((r) => now[r.id] === expected[r.id]);
      expect(await waitUntil(extended, settled, 30_000, 'the two chosen requests extended')).toEqual(expected);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
