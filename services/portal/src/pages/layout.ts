import { escapeHtml } from '@handover/mail';
import type { Locale } from './i18n';
import { PAGE_CSS } from './page-style';

/** The HTML shell of every portal page: UTF-8, phone viewport, the one inline style, no external assets. */
export function layout(locale: Locale, title: string, body: string): string {
  return [
    `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    // No favicon request (the page loads nothing but itself).
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join('');
}
