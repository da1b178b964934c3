import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, SCREENSHOTS, storageContents } from '../e2e/console/console-browser';
import { PASSWORD, startOidcStack, type OidcStack } from '../e2e/oidc/oidc-stack';

/**
 * Issue 15, must show 2 (browser part): in Debian's Chromium, a person signs in to the console
 * through "Sign in with OpenID Connect" (/auth/login → the test's real provider → /auth/callback);
 * the console's session has the role and team of the provider's claims, the browser's storage holds
 * nothing of it, and another team's case is a 404. A refused role comes back as a clear message.
 */
describe('console sign-in through OpenID Connect (Chromium)', () => {
  let stack: OidcStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The provider on another site (localhost) than the API (127.0.0.1): the cookies must survive the cross-site return.
    stack = await startOidcStack('browser', { providerHost: 'localhost' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The console's sign-in page → the provider's login and consent pages, as a person fills them. */
  async function signInThroughProvider(page: Page, username: string): Promise<void> {
    await page.goto(`${stack.api.url}/console/`);
    await page.getByRole('heading', { level: 1, name: '登录案件控制台' }).waitFor();
    await page.getByRole('link', { name: '使用 OpenID Connect 登录' }).click();
    await page.getByRole('heading', { name: 'Sign in to the test provider' }).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.provider.url);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
  }

  it('signs a case manager in: the session carries the claims\' role and team, the browser keeps no token, another team\'s case is 404', async () => {
    const problems: string[] = [];
    const { context, page } = await openPage(browser, { width: 1440, height: 900 }, problems);
    try {
      await signInThroughProvider(page, 'manager');
      await page.getByRole('heading', { level: 1, name: '案件' }).waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).origin).toBe(stack.api.url);

      const session = await page.evaluate(async () => (await fetch('/auth/session')).json() as Promise<{ role: string; team: string; principalId: string }>);
      expect(session).toMatchObject({ role: 'case-manager', team: stack.teams.own.id });
      // The browser's cookie, sent outside the page (a 404 fetched by the page would be a console error).
      const statuses = await Promise.all([stack.cases.own, stack.cases.other].map(async (id) => (await context.request.get(`${stack.api.url}/v1/cases/${id}`)).status()));
      expect(statuses).toEqual([200, 404]);

      const cookies = await context.cookies(stack.api.url);
      expect(cookies.find((cookie) => cookie.name === 'handover_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookies.find((cookie) => cookie.name === 'handover_oidc')).toBeUndefined();
      // Nothing of the sign-in in the browser's storage: no token, CSRF token, state or verifier.
      const storage = await storageContents(page);
      expect(storage.session).toBe(0);
      expect(JSON.stringify(storage.local)).not.toMatch(/token|csrf|session|oidc|verifier|nonce/i);

      await page.screenshot({ path: join(SCREENSHOTS, 'console-oidc-signed-in-1440-zh-CN.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('sends a person whose role claim names no role back to the sign-in page with a clear message', async () => {
    const problems: string[] = [];
    const { context, page } = await openPage(browser, { width: 390, height: 844 }, problems);
    try {
      await signInThroughProvider(page, 'stranger');
      await page.getByText('您的账号在本系统中没有角色，请联系管理员分配。').waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).search).toBe('');
      expect(await page.evaluate(async () => (await fetch('/auth/session')).status)).toBe(401);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-oidc-refused-390-zh-CN.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 180_000);
});
