import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { adminToken, CHINESE_HEADER, MailSinkClient, testEnv, waitUntil } from '@handover/testing';
import { createCaseInWizard, useChromium, openPage, SCREENSHOTS, signIn, storageContents, type BrowserGlobals } from '../e2e/console/console-browser';

const STAMP = Date.now().toString(36);

/**
 * Issue 16, must show 1: a whole bankruptcy case run from the console alone, in Debian's Chromium
 * driven by playwright-core, against the running services. The liquidator signs in, opens a
 * bankruptcy with a successor (the buyer of the business, who receives the customers' records)
 * in the wizard, uploads the inventory (one row rejected), adds a third party, starts the case
 * and approves each gate with a note; the page, never reloaded, shows the mailing progress. The
 * customers answer through the links in the mail sink, on the portal's pages in their own browser:
 * an adult objects (a notice route, PIPL Art. 22), a minor's guardian consents (guardian consent,
 * Art. 31), a third customer stays silent. The buyer acknowledges receipt and the third party
 * confirms deletion through their links, and the console shows each. After closure the PDF report
 * is downloaded and the audit chain verified on screen. Slow project (`npm run test:slow`).
 *
 * Every wait is on visible state; a failure leaves a screenshot of the console (and of the portal
 * page in use) named after the step in `.data/test/screenshots/console-bankruptcy-failed-*.png`.
 */
describe('the console runs a bankruptcy from sign-in to the verified audit trail', () => {
  const env = testEnv();
  const sink = new MailSinkClient(env.mailSinkApi);
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${env.adminUrl}${path}`, { headers: { authorization: `Bearer ${adminToken()}` } })).json()) as T;
  const managerEmail = `bk.mgr.${STAMP}@example.cn`;
  const buyerEmail = `dpo.bk.${STAMP}@buyer.example`;
  const partnerEmail = `tp.bk.${STAMP}@partner.example`;
  // The adult objects, the minor's guardian consents (born 2016: under 14), the third stays silent.
  const customers = [
    { id: `BK${STAMP}-0`, name: `破产顾客甲${STAMP}`, email: `bk0.${STAMP}@customers.example`, birth: '1980-04-02' },
    { id: `BK${STAMP}-1`, name: `破产顾客乙${STAMP}`, email: `bk1.${STAMP}@customers.example`, birth: '2016-03-01' },
    { id: `BK${STAMP}-2`, name: `破产顾客丙${STAMP}`, email: `bk2.${STAMP}@customers.example`, birth: '1975-11-20' },
  ];
  const csv = [
    CHINESE_HEADER,
    ...customers.map((c, i) => [c.id, '个人', c.name, c.email, `139${String(50_000_000 + i)}`, '', c.birth, `北京市某路${i}号`, '金饰', '', '', '', '']),
    [`BK${STAMP}-bad`, '个人', '坏行', 'not-an-address', '', '', '', '', '', '', '', '', ''],
  ]
    .map((row) => row.join(','))
    .join('\n');
  /** The portal link mailed to the address (the first mail holding a /<kind>/ link; the token is its last path segment). */
  const linkIn = async (address: string, kind: 'c' | 'r' | 't'): Promise<string> => {
    const pattern = new RegExp(`/${kind}/([A-Za-z0-9._-]+)`);
    const token = await waitUntil(
      async () => {
        for (const listed of await sink.messagesTo(address)) {
          const found = pattern.exec((await sink.message(listed.ID)).Text)?.[1];
          if (found) return found;
        }
        return null;
      },
      (found) => found !== null,
      180_000,
      `a mail with a /${kind}/ link`,
      1000,
    );
    return `${env.portalUrl}/${kind}/${token}`;
  };
  const browser = useChromium();
  let stage = 'start';
  const pages: Array<{ name: string; page: Page }> = [];

  /** A person outside the console (customer, guardian, buyer, third party) opening their link in their own browser. */
  async function outsider(name: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    pages.push({ name, page });
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    return { context, page };
  }

  it('signs in, creates, uploads, approves each gate, watches the mailing and the answers, closes, downloads the PDF and verifies the audit trail', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const problems: string[] = [];
    const { context, page } = await openPage(browser(), { width: 1440, height: 900 }, problems);
    pages.push({ name: 'console', page });
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    const counter = (name: string) => page.locator(`[data-counter="${name}"] .ant-statistic-content-value`);
    const gate = (label: string) => page.locator('.ant-list-item').filter({ hasText: label });
    const approve = async (label: string, timeout: number) => {
      stage = `approve ${label}`;
      await gate(label).getByRole('button', { name: '批准' }).waitFor({ timeout });
      await gate(label).getByRole('button', { name: '批准' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('备注（随决定保存）').fill(`${label}：清算组审核通过`);
      await dialog.getByRole('button', { name: '批准' }).click();
      await gate(label).getByText('已批准').waitFor({ timeout: 30_000 });
    };
    const started = Date.now();
    const lap = (what: string) => console.log(`[console bankruptcy] ${what} at ${Math.round((Date.now() - started) / 1000)} s`);
    try {
      stage = 'sign-in';
      await signIn(page, 'zh-CN');

      stage = 'wizard';
      const caseId = await createCaseInWizard(page, {
        kind: '破产清算',
        transferor: { name: '破产测试珠宝有限公司', contact: '010-12345678' },
        recipient: { name: '承继方珠宝有限公司', contact: '021-87654321', email: buyerEmail, publicKey: keys.publicKey },
        manager: { name: '王清算', email: managerEmail },
        // Long enough for the answers given on the portal's pages, short enough for a test.
        periods: { waitingPeriod: 'PT120S', consentDeadline: 'PT120S', thirdPartyDeadline: 'PT30M' },
      }, {
        onKind: () => page.getByText('依《个人信息保护法》第二十二条').waitFor(),
        onReview: () => page.getByRole('cell', { name: '破产清算 · CN-PIPL' }).waitFor(),
      });
      expect(caseId).toMatch(/^cs_/);
      lap(`case ${caseId} created`);

      stage = 'upload';
      await page.locator('input[type=file]').setInputFiles({ name: 'inventory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 120_000 });
      expect(await page.getByRole('status').textContent()).toContain('已读取 4 行：接收 3，拒绝 1');
      await page.getByRole('button', { name: '稍后上传，打开案件' }).click();
      await page.getByRole('heading', { level: 1, name: caseId }).waitFor();
      await page.getByRole('cell', { name: 'email', exact: true }).waitFor({ timeout: 30_000 });

      stage = 'third party';
      await page.getByRole('button', { name: '添加第三方' }).click();
      const tpDialog = page.getByRole('dialog');
      await tpDialog.locator('#name').fill('仓储伙伴');
      await tpDialog.locator('#email').fill(partnerEmail);
      await tpDialog.locator('#categories').fill('contact, purchase');
      await tpDialog.getByRole('button', { name: '保存' }).click();
      await page.getByRole('cell', { name: '仓储伙伴' }).waitFor({ timeout: 30_000 });
      await page.evaluate(() => {
        (globalThis as unknown as BrowserGlobals).consoleMarker = 1;
      });

      // The "sent" figure, sampled from before the notices gate until it reaches the customers.
      const seen = new Set<string>();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          seen.add((await counter('notified').textContent().catch(() => null)) ?? '');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      stage = 'start';
      await page.getByRole('button', { name: '启动案件' }).click();
      await approve('盘点审批', 180_000);
      // The routes the rules chose: notice for the adults, guardian consent for the minor.
      // Named in the page's language (监护人同意); the route's code is on the cell's data-route.
      await page.locator('[data-route="guardian-consent"]').waitFor({ timeout: 180_000 });
      expect(await page.getByRole('cell', { name: '监护人同意', exact: true }).count()).toBe(1);
      await approve('告知审批', 180_000);
      lap('notices gate approved');
      stage = 'mailing';
      await waitUntil(async () => seen, (values) => values.has(String(customers.length)), 180_000, 'the sent counter reaching the customers', 200);
      sampling = false;
      await sampler;
      expect(seen.has('0')).toBe(true);
      expect(await counter('customers').textContent()).toBe(String(customers.length));
      await page.screenshot({ path: join(SCREENSHOTS, 'console-bankruptcy-mailed-1440-zh-CN.png'), fullPage: true });
      lap('every notice sent');

      // The customers answer on the portal's pages, through the links they were mailed.
      stage = 'customer objects';
      const adult = await outsider('customer', await linkIn(customers[0]!.email, 'c'));
      await adult.page.getByRole('button', { name: '我反对转移' }).click();
      await adult.page.getByText('已记录您的反对。').waitFor({ timeout: 30_000 });
      await adult.context.close();
      stage = 'guardian consents';
      const guardian = await outsider('guardian', await linkIn(customers[1]!.email, 'c'));
      await guardian.page.getByRole('button', { name: '同意转移' }).click();
      await guardian.page.getByText('已记录您的同意。').waitFor({ timeout: 30_000 });
      await guardian.context.close();
      stage = 'answers on the console';
      await counter('objected').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });
      await counter('consented').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });
      lap('answers shown');

      // After the waiting period: the handover gate, the package for the buyer (the consenting minor and the silent adult).
      await approve('移交审批', 300_000);
      stage = 'handover package';
      await page.locator('[data-acknowledged="false"]').waitFor({ timeout: 120_000 });
      expect(await page.locator('[data-acknowledged]').textContent()).toContain('移交记录数: 2');
      lap('handover approved');

      stage = 'buyer acknowledges';
      const buyer = await outsider('buyer', await linkIn(buyerEmail, 'r'));
      await buyer.page.getByLabel('确认人（姓名及职务）').fill('承继方数据保护负责人');
      await buyer.page.getByRole('button', { name: '确认已收到移交包并知悉上述义务' }).click();
      await buyer.page.getByText(/已于 .* 确认收到/).waitFor({ timeout: 30_000 });
      await buyer.context.close();
      await page.locator('[data-acknowledged="true"]').getByText('接收方已确认收到').waitFor({ timeout: 60_000 });

      stage = 'third party confirms';
      const partner = await outsider('partner', await linkIn(partnerEmail, 't'));
      await partner.page.getByRole('radio', { name: '已删除' }).check();
      await partner.page.getByLabel('确认人（姓名及职务）').fill('仓储伙伴数据负责人');
      await partner.page.getByLabel('删除方式').fill('安全擦除');
      await partner.page.getByLabel('删除日期').fill(new Date().toISOString().slice(0, 10));
      await partner.page.getByRole('button', { name: '提交确认' }).click();
      await partner.page.getByText('已记录贵方的确认').waitFor({ timeout: 30_000 });
      await partner.context.close();
      await page.getByRole('region', { name: '第三方' }).locator('.ant-tag').filter({ hasText: /^已确认$/ }).waitFor({ timeout: 60_000 });
      await counter('thirdPartiesConfirmed').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });
      lap('buyer and third party answered');

      await approve('结案审批', 300_000);
      stage = 'closed';
      await page.locator('[data-phase="closed"]').waitFor({ timeout: 300_000 });
      lap('closed');
      expect(await counter('transferred').textContent()).toBe('2');
      expect(await counter('objected').textContent()).toBe('1');
      await page.locator('[data-certificate="not-transferred"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-certificate="case-key"]').waitFor({ timeout: 30_000 });
      // The third parties' names went with the case key: the page says so, and shows no API error.
      await page.getByText('结案时已销毁案件密钥').waitFor({ timeout: 30_000 });
      expect(await page.locator('.ant-alert-error').count()).toBe(0);

      stage = 'PDF report';
      const pdfLink = page.getByRole('link', { name: '下载 PDF' });
      await pdfLink.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
      expect(download.suggestedFilename()).toBe(`report-${caseId}.pdf`);
      const pdf = readFileSync(await download.path());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(2000);

      stage = 'audit trail';
      const audit = page.getByRole('region', { name: '审计日志' });
      await audit.locator('[data-audit-action]').first().waitFor({ timeout: 30_000 });
      // Newest first: the closure gate's approval heads the timeline, named in the page's language.
      expect(await audit.locator('tbody tr').first().textContent()).toMatch(/批准关口gate\.approved.*结案审批/);
      await page.getByRole('button', { name: '验证审计链' }).click();
      const verified = page.locator('[data-audit-valid="true"]');
      await verified.waitFor({ timeout: 30_000 });
      const fromApi = await api<{ valid: boolean; events: number }>(`/v1/cases/${caseId}/audit/verify`);
      expect(fromApi.valid).toBe(true);
      expect(await verified.textContent()).toContain(`审计链完整：${fromApi.events} 条事件`);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-bankruptcy-closed-1440-zh-CN.png'), fullPage: true });
      await page.locator('.ant-card').filter({ has: audit }).screenshot({ path: join(SCREENSHOTS, 'console-bankruptcy-audit-1440-zh-CN.png') });
      expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).consoleMarker)).toBe(1);
      lap('report downloaded, audit chain verified');

      // The same case at 390 px in English (the language switch keeps the session).
      stage = 'en at 390';
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: 'Download PDF' }).waitFor();
      await page.getByRole('button', { name: 'Verify the audit chain' }).click();
      await page.locator('[data-audit-valid="true"]').getByText(`Audit chain intact: ${fromApi.events} events`).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'console-bankruptcy-closed-390-en.png'), fullPage: true });

      // Nothing personal in a URL the console requested; nothing but the language in storage.
      const personal = [managerEmail, '王清算', buyerEmail, partnerEmail, ...customers.flatMap((c) => [c.email, c.name, c.id])];
      expect(urls.filter((url) => personal.some((value) => decodeURIComponent(url).includes(value)))).toEqual([]);
      const storage = await storageContents(page);
      expect(storage.session).toBe(0);
      expect(Object.keys(storage.local).filter((key) => key !== 'handover.console.language')).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      const slug = stage.replace(/[^A-Za-z0-9]+/g, '-');
      for (const { name, page: open } of pages) {
        if (!open.isClosed()) await open.screenshot({ path: join(SCREENSHOTS, `console-bankruptcy-failed-${slug}-${name}.png`), fullPage: true }).catch(() => undefined);
      }
      throw new Error(`failed at "${stage}": ${(error as Error).message}`, { cause: error });
    } finally {
      await context.close();
    }
  }, 1_200_000);
});
