import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's package (infra/install-browser.sh); override with CHROMIUM_PATH. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The worker cannot print reports: no Chromium at the configured path. The message names the path and the setting. */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  constructor(readonly path: string) {
    super(`Chromium not found or not executable at ${path}: the worker prints the compliance report PDF with it. Install Debian's chromium and fonts-noto-cjk (infra/install-browser.sh) or set CHROMIUM_PATH`);
  }
}

/** Throws ChromiumMissingError unless `path` is an executable file (the worker checks at start-up). */
export function assertChromium(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(path);
  }
}

/** Page numbers in the footer of every page ("3 / 7"); the report's own HTML holds no footer. */
const FOOTER = '<div style="width:100%;font-size:8px;color:#555;text-align:center;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * Prints the report's self-contained HTML to an A4 PDF with Chromium (playwright-core, no network:
 * every request the page would make is refused). CJK text needs a CJK font on the host
 * (fonts-noto-cjk). One browser per report: reports are rare and the browser is not kept around.
 */
export async function renderReportPdf(html: string, chromiumPath: string = DEFAULT_CHROMIUM_PATH): Promise<Buffer> {
  assertChromium(chromiumPath);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: FOOTER,
      margin: { top: '15mm', bottom: '18mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
