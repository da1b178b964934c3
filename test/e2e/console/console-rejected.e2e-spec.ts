import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminToken, expectStatus, testEnv, waitUntil } from '@handover/testing';
import { parseCsv, unzipText } from '../support/zip';
import { consoleUrl, openPage, SCREENSHOTS, signIn, useChromium } from './console-browser';

/**
 * Issue 14 in the console: a case manager downloads the rejected rows for correction from the case
 * page — the browser saves the API's encrypted ZIP, a dialog shows its password once (nothing kept in
 * the browser's storage), and that password opens the file with the rows as uploaded.
 */
describe('the console: rejected rows downloaded for correction', () => {
  const env = testEnv();
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const browser = useChromium();
  const auth = { authorization: `Bearer ${adminToken()}` };
  let caseId = '';

  beforeAll(async () => {
    const created = await expectStatus(
      await fetch(`${env.adminUrl}/v1/cases`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'bankruptcy',
          transferor: { name: '更正下载测试商店', contact: '010-12345678' },
          manager: { name: '孙经理', email: `mgr.rejected.${stamp}@example.cn` },
        }),
      }),
      201,
    );
    caseId = ((await created.json()) as { id: string }).id;
    const csv = ['customer_id,name,email,products', `G-${stamp},好顾客,good.${stamp}@example.cn,金饰`, `B-${stamp},坏邮箱顾客,not-an-address,金饰`, `,无编号顾客,none.${stamp}@example.cn,金饰`].join('\n');
    const upload = await expectStatus(await fetch(`${env.adminUrl}/v1/cases/${caseId}/inventory`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: csv }), 202);
    const { importId } = (await upload.json()) as { importId: string };
    await waitUntil(
      async () => ((await (await fetch(`${env.adminUrl}/v1/cases/${caseId}/inventory/imports/${importId}`, { headers: auth })).json()) as { status: string }).status,
      (status) => status === 'done',
      60_000,
      'import done',
    );
  }, 120_000);

  it('saves the encrypted ZIP and shows its password once; the password opens the rows as uploaded', async () => {
    const problems: string[] = [];
    const { context, page } = await openPage(browser(), { width: 1440, height: 900 }, problems);
    try {
      await signIn(page, 'zh-CN');
      await page.goto(consoleUrl(`cases/${caseId}`));
      const button = page.getByRole('button', { name: '下载原始行供更正（加密 ZIP）' });
      await button.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(`rejected-${caseId}.zip`);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('正在下载被拒绝的行').waitFor();
      const password = (await dialog.locator('[data-export-password]').innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      await page.waitForTimeout(400); // the dialog's zoom-in animation ends
      await page.screenshot({ path: join(SCREENSHOTS, 'console-rejected-password-1440-zh-CN.png') });

      const text = await unzipText(await readFile((await download.path()) as string), password);
      const [header, ...rows] = parseCsv(text.slice(1));
      const at = (name: string) => header!.indexOf(name);
      expect(rows.map((r) => [r[at('rejection_field')], r[at('name')]])).toEqual([
        ['email', '坏邮箱顾客'],
        ['customer_id', '无编号顾客'],
      ]);

      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored).not.toContain(password);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
