import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { adminToken, testEnv } from '@handover/testing';

/** Debian's Chromium (infra/install-browser.sh), driven by playwright-core: never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', '..', '.data', 'test', 'screenshots');
export const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;
export type Language = 'zh-CN' | 'en';

/** The browser globals these tests read (the project's TypeScript lib has no DOM). */
export type BrowserGlobals = {
  document: { documentElement: { scrollWidth: number; clientWidth: number; lang: string } };
  localStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
  sessionStorage: { length: number };
  axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> };
  consoleMarker?: number;
};
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

export const consoleUrl = (path = ''): string => `${testEnv().adminUrl}/console/${path}`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
}

/**
 * One Chromium for the calling suite: launched before its tests (with the screenshots folder made)
 * and closed after them. Call it at the top of a `describe`; the getter gives the browser.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium was not launched (useChromium() must be called inside a describe)');
    return browser;
  };
}

/**
 * A page that collects page errors and console errors (CSP violations included). Two answers are
 * expected and left out: the 401 of the session read before sign-in, and the 409 of the handover
 * package read while the package is still being built after the handover gate.
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, problems: string[], options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|409)/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page };
}

/** Signs in through the sign-in page (switching the language there first when asked). */
export async function signIn(page: Page, language: Language, token = adminToken()): Promise<void> {
  await page.goto(consoleUrl());
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (language === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in to the case console' }).waitFor();
  }
  await page.getByLabel(language === 'en' ? 'Token or API key' : '令牌或 API 密钥').fill(token);
  await page.getByRole('button', { name: language === 'en' ? 'Sign in' : '登录' }).click();
  // Exact: the sign-in page's own heading (登录案件控制台) contains 案件.
  const cases = page.getByRole('heading', { level: 1, name: language === 'en' ? 'Cases' : '案件', exact: true });
  const refused = page.getByRole('alert');
  await cases.or(refused).first().waitFor();
  if (!(await cases.isVisible())) throw new Error(`the console refused the sign-in: ${(await refused.first().innerText()).replace(/\s+/g, ' ')}`);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Injects axe-core (the page's CSP is bypassed by the context for this) and returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; targets: string }>> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).axe.run({ resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)).join(' ') }));
}

/** The page is no wider than the viewport (no horizontal scroll at 390 px). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as BrowserGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Everything the console left in the browser's storage. */
export function storageContents(page: Page): Promise<{ local: Record<string, string | null>; session: number }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    const local: Record<string, string | null> = {};
    for (let i = 0; i < g.localStorage.length; i++) {
      const key = g.localStorage.key(i);
      if (key !== null) local[key] = g.localStorage.getItem(key);
    }
    return { local, session: g.sessionStorage.length };
  });
}

/** The parties and periods the new-case wizard asks for (zh-CN labels). */
export interface WizardCase {
  kind?: string;
  transferor: { name: string; contact: string };
  recipient: { name: string; contact: string; email: string; publicKey: string };
  manager: { name: string; email: string };
  periods: { waitingPeriod: string; consentDeadline: string; thirdPartyDeadline: string };
}

/**
 * From the case list through the zh-CN new-case wizard to "案件已创建": the kind (when given), the
 * parties, the periods, then create. The caller may check each step's page first (`onKind`, `onReview`).
 * Returns the new case's id.
 */
export async function createCaseInWizard(page: Page, input: WizardCase, checks: { onKind?: () => Promise<void>; onReview?: () => Promise<void> } = {}): Promise<string> {
  await page.getByRole('link', { name: '新建案件' }).click();
  await page.getByRole('heading', { level: 1, name: '新建案件' }).waitFor();
  if (input.kind) await page.getByRole('radio', { name: input.kind }).check();
  await checks.onKind?.();
  await page.getByRole('button', { name: '下一步' }).click();
  const fields: Record<string, string> = {
    transferorName: input.transferor.name, transferorContact: input.transferor.contact,
    recipientName: input.recipient.name, recipientContact: input.recipient.contact, recipientEmail: input.recipient.email, recipientPublicKey: input.recipient.publicKey,
    managerName: input.manager.name, managerEmail: input.manager.email,
  };
  for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
  await page.getByRole('button', { name: '下一步' }).click();
  for (const [id, value] of Object.entries(input.periods)) await page.locator(`#${id}`).fill(value);
  await page.getByRole('button', { name: '下一步' }).click();
  await checks.onReview?.();
  await page.getByRole('button', { name: '创建案件' }).click();
  const created = await page.getByText(/案件已创建：cs_/).textContent();
  return /cs_[A-Za-z0-9_-]+/.exec(created ?? '')?.[0] ?? '';
}
