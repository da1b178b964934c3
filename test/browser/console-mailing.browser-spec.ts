import { join } from 'node:path';
import { adminToken, testEnv, waitUntil } from '@handover/testing';
import { consoleUrl, useChromium, openPage, SCREENSHOTS, signIn, type BrowserGlobals } from '../e2e/console/console-browser';

/**
 * Issue 16, must show 2: during a 5,000-customer mailing the console's case page, never reloaded,
 * shows at least three different "sent" figures, each equal to the `counters.notified` that an
 * independent read of GET /v1/cases/{id} answered within the same second. Slow project
 * (`npm run test:slow`): the mailing of 5,000 notices takes minutes on two cores.
 */
const CUSTOMERS = 5000;

describe('the console during a 5,000-customer mailing', () => {
  const env = testEnv();
  const stamp = Date.now().toString(36);
  const auth = { authorization: `Bearer ${adminToken()}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${env.adminUrl}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const view = async (caseId: string) => (await (await api(`/v1/cases/${caseId}`)).json()) as { gates: Array<{ name: string; state: string }>; counters: { notified: number } };
  const browser = useChromium();

  it('shows three or more different sent figures without a reload, each equal to an API read of the same second', async () => {
    const created = await post('/v1/cases', {
      kind: 'merger',
      transferor: { name: '邮寄测试有限公司', contact: '010-12345678' },
      recipient: { name: '承接方有限公司', contact: '021-87654321', email: `dpo.${stamp}@buyer.example`, country: 'CN' },
      manager: { name: '李经理', email: `mailing.mgr.${stamp}@example.cn` },
      policy: { waitingPeriod: 'P30D', consentDeadline: 'P30D' },
    });
    expect(created.status).toBe(201);
    const caseId = ((await created.json()) as { id: string }).id;
    const rows = Array.from({ length: CUSTOMERS }, (_, i) => JSON.stringify({ customer_id: `M${stamp}-${i}`, type: 'individual', name: `邮寄客户${i}`, email: `m${i}.${stamp}@customers.example`, products: ['黄金'] }));
    const upload = await api(`/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: rows.join('\n') + '\n' });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await api(`/v1/cases/${caseId}/inventory/imports/${importId}`)).json()) as { status: string }, (p) => p.status === 'done', 300_000, 'import done', 1000);
    expect((await post(`/v1/cases/${caseId}/start`)).status).toBe(202);
    await waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === 'inventory' && g.state === 'pending'), 300_000, 'inventory gate pending', 1000);
    expect((await post(`/v1/cases/${caseId}/gates/inventory/approve`)).status).toBe(200);
    await waitUntil(() => view(caseId), (v) => v.gates.some((g) => g.name === 'notices' && g.state === 'pending'), 300_000, 'notices gate pending', 1000);

    const problems: string[] = [];
    const { context, page } = await openPage(browser(), { width: 1440, height: 900 }, problems);
    try {
      await signIn(page, 'zh-CN');
      await page.goto(consoleUrl(`cases/${caseId}`));
      const sent = page.locator('[data-counter="notified"] .ant-statistic-content-value');
      // The case page loads its chunks and first reads before the counters show: generous under CI load.
      await sent.waitFor({ timeout: 120_000 }).catch(async (error: unknown) => {
        await page.screenshot({ path: join(SCREENSHOTS, 'console-case-mailing-not-shown.png'), fullPage: true });
        throw error;
      });
      await page.evaluate(() => {
        (globalThis as unknown as BrowserGlobals).consoleMarker = 1;
      });

      // Two samplers side by side: what the page shows, and what the API answers, with their times.
      const shown: Array<{ at: number; value: number }> = [];
      const read: Array<{ at: number; value: number }> = [];
      let sampling = true;
      const showSampler = (async () => {
        while (sampling) {
          const text = await sent.textContent().catch(() => null);
          if (text !== null) shown.push({ at: Date.now(), value: Number(text.replace(/[^0-9]/g, '')) });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const readSampler = (async () => {
        while (sampling) {
          const before = Date.now();
          const value = (await view(caseId)).counters.notified;
          read.push({ at: (before + Date.now()) / 2, value });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();

      expect((await post(`/v1/cases/${caseId}/gates/notices/approve`)).status).toBe(200);
      await waitUntil(async () => shown.at(-1)?.value ?? 0, (value) => value >= CUSTOMERS, 900_000, 'the page showing every notice sent', 1000);
      sampling = false;
      await Promise.all([showSampler, readSampler]);

      // Each figure the page showed while the mailing ran, matched with an API read within a second.
      const figures = [...new Set(shown.map((s) => s.value))].filter((value) => value > 0 && value < CUSTOMERS);
      const matched = figures.filter((value) => {
        const when = shown.filter((s) => s.value === value).map((s) => s.at);
        return read.some((r) => r.value === value && when.some((at) => Math.abs(r.at - at) <= 1000));
      });
      console.log(`[console mailing] ${figures.length} intermediate sent figures shown, ${matched.length} matched by an API read within 1 s: ${matched.slice(0, 10).join(', ')}…`);
      expect(matched.length).toBeGreaterThanOrEqual(3);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).consoleMarker)).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-case-mailing-5000-1440-zh-CN.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 1_500_000);
});
