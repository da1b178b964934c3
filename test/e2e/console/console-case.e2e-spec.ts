import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminToken, CHINESE_HEADER, MailSinkClient, testEnv, waitUntil } from '@handover/testing';
import { createCaseInWizard, useChromium, openPage, SCREENSHOTS, signIn, storageContents, type BrowserGlobals } from './console-browser';

const STAMP = Date.now();

/**
 * Issue 16, must show 1, in the e2e suite's shorter form (the slow project's
 * test/browser/console-bankruptcy.browser-spec.ts runs the whole walk-through: answers on the
 * portal's pages, the PDF report, the audit timeline): a bankruptcy case run from the console alone in a real browser (Debian
 * chromium, playwright-core) against the running services: sign in, the wizard (with the
 * recipient's public key), a CSV upload with a rejected row, a third party, start, every gate
 * approved, the "sent" counter changing without a reload, a customer objecting through the link in
 * the mail sink, the recipient acknowledging, the third party confirming, closure, the report
 * downloaded and the audit chain verified on screen.
 */
describe('the case console in a browser: a bankruptcy case from the wizard to closure', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const recipientEmail = `dpo.console.${STAMP}@buyer.example`;
  const thirdPartyEmail = `tp.console.${STAMP}@partner.example`;
  const portalPost = (path: string, body: unknown) =>
    fetch(`${env.portalUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** The token of the first /<kind>/ link mailed to the address. */
  const linkIn = async (address: string, kind: 'c' | 'r' | 't'): Promise<string> => {
    const messages = await waitUntil(() => sink.messagesTo(address), (list) => list.length > 0, 120_000, `mail with a /${kind}/ link`);
    const message = await sink.message(messages[0]!.ID);
    const token = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`).exec(message.Text)?.[1];
    if (!token) throw new Error(`no /${kind}/ link in the mail`);
    return token;
  };
  const managerEmail = `console.mgr.${STAMP}@example.cn`;
  const customers = [0, 1].map((i) => ({ id: `CON${STAMP}-${i}`, name: `控制台顾客${i}`, email: `console.${STAMP}.${i}@example.cn` }));
  const csv = [
    CHINESE_HEADER,
    ...customers.map((c, i) => [c.id, '个人', c.name, c.email, `139${String(40_000_000 + i)}`, '', '', `上海市某路${i}号`, '金饰', '', '', '', '']),
    [`CON${STAMP}-bad`, '个人', '坏行', 'not-an-address', '', '', '', '', '', '', '', '', ''],
  ]
    .map((row) => row.join(','))
    .join('\n');
  const browser = useChromium();

  it('signs in, creates, uploads, approves every gate, watches the mailing and the answers, closes, downloads the report and verifies the audit trail', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const problems: string[] = [];
    const { context, page } = await openPage(browser(), { width: 1440, height: 900 }, problems);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    try {
      await signIn(page, 'zh-CN');
      const caseId = await createCaseInWizard(page, {
        transferor: { name: '控制台测试珠宝有限公司', contact: '0755-12345678' },
        recipient: { name: '承接方有限公司', contact: '021-87654321', email: recipientEmail, publicKey: keys.publicKey },
        manager: { name: '陈清算', email: managerEmail },
        periods: { waitingPeriod: 'PT5S', consentDeadline: 'PT20S', thirdPartyDeadline: 'PT10M' },
      }, { onKind: async () => expect(await page.getByText('依《个人信息保护法》第二十二条').count()).toBe(1) });
      expect(caseId).toMatch(/^cs_/);
      await page.locator('input[type=file]').setInputFiles({ name: 'inventory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 60_000 });
      expect(await page.getByRole('status').textContent()).toContain('已读取 3 行：接收 2，拒绝 1');

      await page.getByRole('button', { name: '稍后上传，打开案件' }).click();
      await page.getByRole('heading', { level: 1, name: caseId }).waitFor();
      await page.getByRole('cell', { name: 'email', exact: true }).waitFor();
      const [rejectedExport] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '被拒绝行清单（CSV）' }).click()]);
      const exported = readFileSync(await rejectedExport.path(), 'utf8');
      expect(exported).toMatch(/^\uFEFFimportId,line,field,reason\r\n[^,]+,4,email,/);
      expect(exported).not.toContain('not-an-address');
      await page.getByRole('button', { name: '添加第三方' }).click();
      const tpDialog = page.getByRole('dialog');
      await tpDialog.locator('#name').fill('快递伙伴');
      await tpDialog.locator('#email').fill(thirdPartyEmail);
      await tpDialog.locator('#categories').fill('contact');
      await tpDialog.getByRole('button', { name: '保存' }).click();
      await page.getByRole('cell', { name: '快递伙伴' }).waitFor();
      await page.evaluate(() => {
        (globalThis as unknown as BrowserGlobals).consoleMarker = 1;
      });

      // The counters are read every second: the "sent" figure is sampled from before the notices gate
      // opens the mailing until it reaches the customers, on a page that is never reloaded.
      const sent = page.locator('[data-counter="notified"] .ant-statistic-content-value');
      const seen = new Set<string>();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          seen.add((await sent.textContent().catch(() => null)) ?? '');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();

      await page.getByRole('button', { name: '启动案件' }).click();
      for (const gate of ['盘点审批', '告知审批']) {
        const item = page.locator('.ant-list-item').filter({ hasText: gate });
        await item.getByRole('button', { name: '批准' }).waitFor({ timeout: 90_000 });
        await item.getByRole('button', { name: '批准' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('备注（随决定保存）').fill(`${gate}：控制台测试`);
        await dialog.getByRole('button', { name: '批准' }).click();
        await item.getByText('已批准').waitFor({ timeout: 30_000 });
        // The decision is listed with its note under the gates.
        await page.getByTestId('gate-decision-note').filter({ hasText: `${gate}：控制台测试` }).waitFor({ timeout: 30_000 });
      }
      // The routes chart (ECharts, a lazy chunk) is drawn above the table that stays its accessible equivalent.
      await page.getByRole('img', { name: '各路径人数图表（数字见下表）' }).locator('svg').waitFor({ timeout: 30_000 });
      expect(await page.getByRole('region', { name: '路径分布' }).count()).toBeGreaterThan(0);
      // Routes are named in the page's language, never as API codes ('notice').
      await page.locator('[data-route="notice"]').filter({ hasText: /^告知$/ }).waitFor({ timeout: 30_000 });
      await waitUntil(async () => seen, (values) => values.has(String(customers.length)), 120_000, 'the sent counter reaching the customers', 200);
      sampling = false;
      await sampler;
      expect(seen.has('0')).toBe(true);
      expect(seen.size).toBeGreaterThanOrEqual(2);
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).consoleMarker)).toBe(1);
      const api = (await (await fetch(`${env.adminUrl}/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${adminToken()}` } })).json()) as { counters: { notified: number; customers: number } };
      expect(api.counters).toMatchObject({ notified: customers.length, customers: customers.length });
      expect(await page.locator('[data-counter="customers"] .ant-statistic-content-value').textContent()).toBe(String(customers.length));
      await page.screenshot({ path: join(SCREENSHOTS, 'console-case-mailed-1440-zh-CN.png'), fullPage: true });

      // A customer objects through the link in their mail: the page shows it without a reload.
      const objected = await portalPost(`/api/c/${await linkIn(customers[0]!.email, 'c')}`, { decision: 'object' });
      expect(objected.status).toBe(200);
      await page.locator('[data-counter="objected"] .ant-statistic-content-value').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });

      const approve = async (gate: string) => {
        const item = page.locator('.ant-list-item').filter({ hasText: gate });
        await item.getByRole('button', { name: '批准' }).waitFor({ timeout: 180_000 });
        await item.getByRole('button', { name: '批准' }).click();
        await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
        await item.getByText('已批准').waitFor({ timeout: 30_000 });
      };
      await approve('移交审批');
      // The recipient acknowledges receipt through its link; the third party confirms deletion through its own.
      expect((await portalPost(`/api/r/${await linkIn(recipientEmail, 'r')}`, { acknowledgedBy: '受让方数据保护负责人' })).status).toBe(200);
      await page.getByText('接收方已确认收到').waitFor({ timeout: 60_000 });
      expect((await portalPost(`/api/t/${await linkIn(thirdPartyEmail, 't')}`, { kind: 'deleted', confirmedBy: '数据负责人', method: 'secure erase', deletedAt: new Date().toISOString() })).status).toBe(200);
      await page.locator('.ant-tag').filter({ hasText: /^已确认$/ }).waitFor({ timeout: 60_000 });
      await approve('结案审批');
      await page.locator('[data-phase="closed"]').waitFor({ timeout: 180_000 });
      expect(await page.locator('[data-counter="objected"] .ant-statistic-content-value').textContent()).toBe('1');

      // The report downloads through the session cookie; the audit chain is verified on screen.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 HTML' }).click()]);
      const reportPath = await download.path();
      expect(readFileSync(reportPath, 'utf8')).toContain('Compliance report');
      await page.getByRole('button', { name: '验证审计链' }).click();
      await page.getByRole('status').filter({ hasText: '审计链完整' }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'console-case-closed-1440-zh-CN.png'), fullPage: true });
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).consoleMarker)).toBe(1);

      // Nothing personal in a URL the console requested, and nothing but the language in storage.
      const personal = [managerEmail, '陈清算', recipientEmail, thirdPartyEmail, ...customers.flatMap((c) => [c.email, c.name, c.id])];
      expect(urls.filter((url) => personal.some((value) => decodeURIComponent(url).includes(value)))).toEqual([]);
      const storage = await storageContents(page);
      expect(storage.session).toBe(0);
      expect(Object.keys(storage.local).filter((key) => key !== 'handover.console.language')).toEqual([]);
      expect(JSON.stringify(storage)).not.toContain(adminToken());
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 600_000);
});
