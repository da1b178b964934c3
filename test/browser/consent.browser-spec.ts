import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { customersOn, PortalFixture, RECIPIENT, type PortalCase } from '../e2e/portal-fixture';

/**
 * Issue 4, must show 2: a customer opens their link in a real browser (Debian chromium driven by
 * playwright-core; infra/install-browser.sh installs it with the CJK fonts), gives consent on the
 * page and sees the confirmation, in zh-CN and in en. Screenshots go to .data/test/screenshots/.
 */
const CHROMIUM = '/usr/bin/chromium';
/** The one browser global used here (the project's TypeScript lib has no DOM). */
type BrowserWindow = { getComputedStyle(element: unknown): { borderRadius: string } };
const SCREENSHOTS = join(__dirname, '..', '..', '.data', 'test', 'screenshots');

describe('consent in a browser', () => {
  const fx = new PortalFixture();
  let browser: Browser;
  let portalCase: PortalCase;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    portalCase = await fx.openCase('asset-sale', 2);
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    await fx.setDeadlines(portalCase.caseId, { noticeDeadline: inAMonth, consentDeadline: inAMonth });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fx.close();
  });

  /** A phone-sized page that collects CSP violations and page errors. */
  async function phonePage(problems: string[]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  }

  it.each([
    { lang: undefined, consent: '同意转移', confirmation: '已记录您的同意', answered: '已同意', shot: 'consent-zh-CN.png' },
    { lang: 'en' as const, consent: 'I consent', confirmation: 'Your consent has been recorded', answered: 'Consented', shot: 'consent-en.png' },
  ])('gives consent on the page and sees the confirmation ($shot)', async ({ lang, consent, confirmation, answered, shot }) => {
    const customer = customersOn(portalCase, 'separate-consent')[lang ? 1 : 0]!;
    const token = fx.sign(portalCase.caseId, customer.ref);
    const problems: string[] = [];
    const page = await phonePage(problems);
    try {
      const response = await page.goto(fx.pageUrl(token, lang));
      expect(response?.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang ?? 'zh-CN');
      expect(await page.getByText(RECIPIENT.name).count()).toBe(1);
      expect(await page.getByText(RECIPIENT.contact).count()).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, shot.replace('.png', '-before.png')), fullPage: true });

      await page.getByRole('button', { name: consent }).click();
      await page.waitForURL(/recorded=consent/);
      expect(await page.getByRole('status').textContent()).toContain(confirmation);
      expect(await page.locator('#decision').textContent()).toBe(answered);
      // The inline style is allowed by the CSP's hash: the primary button is styled, nothing was blocked.
      const radius = await page
        .getByRole('button')
        .first()
        .evaluate((button) => (globalThis as unknown as BrowserWindow).getComputedStyle(button).borderRadius);
      expect(radius).toBe('6px');
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, shot), fullPage: true });
    } finally {
      await page.context().close();
    }

    const db = await fx.db();
    expect(await db.collection('customers').findOne({ caseId: portalCase.caseId, ref: customer.ref }, { projection: { _id: 0, decision: 1 } })).toEqual({ decision: 'consent' });
    const evidence = await db.collection('consent_evidence').findOne({ caseId: portalCase.caseId, ref: customer.ref });
    expect(evidence).toMatchObject({ decision: 'consent', channel: 'portal-html', wordingVersion: `notice/${lang ?? 'zh-CN'}/2026.1` });
  }, 60_000);
});
