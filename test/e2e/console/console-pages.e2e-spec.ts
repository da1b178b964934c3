import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { adminToken, CHINESE_HEADER, testEnv, waitUntil } from '@handover/testing';
import { consoleUrl, horizontalOverflow, useChromium, openPage, SCREENSHOTS, seriousViolations, signIn, VIEWPORTS, type Language } from './console-browser';

/**
 * Issue 16: every main page of the console in zh-CN and en, at 1440×900 and 390×844 — axe-core
 * finds no serious or critical violation, nothing scrolls sideways at 390 px, and a screenshot of
 * each goes to .data/test/screenshots/console-<page>-<width>-<language>.png.
 */
describe('the console pages: accessibility, phone width and screenshots', () => {
  const env = testEnv();
  const stamp = Date.now();
  const auth = { authorization: `Bearer ${adminToken()}`, 'content-type': 'application/json' };
  const browser = useChromium();
  let caseId: string;

  beforeAll(async () => {
    const created = await fetch(`${env.adminUrl}/v1/cases`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        kind: 'bankruptcy',
        transferor: { name: '页面测试商贸有限公司', contact: '010-12345678' },
        recipient: { name: '承接方有限公司', contact: '021-87654321', email: 'dpo@buyer.example', country: 'CN' },
        manager: { name: '李经理', email: `console.pages.${stamp}@example.cn` },
      }),
    });
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    const rows = [0, 1, 2].map((i) => [`PG${stamp}-${i}`, '个人', `页面顾客${i}`, i === 2 ? 'broken' : `pages.${stamp}.${i}@example.cn`, '', '', '', '', '金饰', '', '', '', '']);
    const upload = await fetch(`${env.adminUrl}/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: [CHINESE_HEADER, ...rows].map((row) => row.join(',')).join('\n'),
    });
    expect(upload.status).toBe(202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(async () => (await (await fetch(`${env.adminUrl}/v1/cases/${caseId}/inventory/imports/${importId}`, { headers: auth })).json()) as { status: string }, (p) => p.status === 'done', 60_000, 'import done');
  }, 120_000);

  /** The case list's first row, or a failure naming what the page shows instead (an error alert, a spinner, an empty table). */
  const listShown = async (page: Page): Promise<void> => {
    const shown = page.locator('.ant-table-row, .ant-alert-error').first();
    const found = await shown.waitFor({ timeout: 90_000 }).then(() => true, () => false);
    if (found && (await page.locator('.ant-table-row').count()) > 0) return;
    const main = (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400);
    throw new Error(`the case list showed no row: ${found ? 'an error alert' : 'nothing within 90 s'}; the page reads: ${main}`);
  };

  const PAGES: Array<{ name: string; path: () => string; heading: Record<Language, string | RegExp>; ready?: (page: Page) => Promise<unknown> }> = [
    { name: 'cases', path: () => 'cases', heading: { 'zh-CN': '案件', en: 'Cases' }, ready: (page) => listShown(page) },
    { name: 'new-case', path: () => 'cases/new', heading: { 'zh-CN': '新建案件', en: 'New case' } },
    { name: 'case', path: () => `cases/${caseId}`, heading: { 'zh-CN': /^cs_/, en: /^cs_/ }, ready: (page) => page.getByRole('cell', { name: 'email', exact: true }).waitFor() },
    { name: 'requests', path: () => 'requests', heading: { 'zh-CN': '个人权利请求', en: 'Requests' } },
    { name: 'incidents', path: () => 'incidents', heading: { 'zh-CN': '安全事件', en: 'Incidents' } },
    { name: 'admin', path: () => 'admin', heading: { 'zh-CN': '系统管理', en: 'Administration' }, ready: (page) => page.getByRole('cell', { name: 'default' }).first().waitFor() },
  ];

  describe.each(['zh-CN', 'en'] as const)('in %s', (language) => {
    it.each(VIEWPORTS.map((viewport) => [viewport.name, viewport] as const))('every main page at %s px: no serious or critical axe violation, no sideways scroll, a screenshot', async (_name, viewport) => {
      const problems: string[] = [];
      const { context, page } = await openPage(browser(), viewport, problems, { bypassCSP: true });
      try {
        await signIn(page, language);
        const found: Record<string, unknown[]> = {};
        const overflow: Record<string, number> = {};
        for (const target of PAGES) {
          await page.goto(consoleUrl(target.path()));
          const heading = target.heading[language];
          await page.getByRole('heading', { level: 1, name: heading, ...(typeof heading === 'string' && { exact: true }) }).waitFor();
          await target.ready?.(page);
          await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
          await page.waitForTimeout(300); // Ant Design's enter animations (opacity) end before axe measures contrast
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          found[target.name] = await seriousViolations(page);
          overflow[target.name] = await horizontalOverflow(page);
          await page.screenshot({ path: join(SCREENSHOTS, `console-${target.name}-${viewport.name}-${language}.png`), fullPage: true });
        }
        expect(found).toEqual(Object.fromEntries(PAGES.map((p) => [p.name, []])));
        if (viewport.width === 390) expect(overflow).toEqual(Object.fromEntries(PAGES.map((p) => [p.name, 0])));
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000);
  });
});
