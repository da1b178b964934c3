import { escapeHtml } from '@handover/mail';
import { STRINGS, type Locale, type PageStrings } from './i18n';
import { layout } from './layout';

const MESSAGE_OF_STATUS: Record<number, keyof PageStrings['errors']> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 429: 'tooMany' };

/**
 * An error page in both languages (a wrong link cannot tell which one its reader wants). The body
 * depends on the status only: every bad link gets the same page.
 */
export function renderErrorPage(status: number): string {
  const key = MESSAGE_OF_STATUS[status] ?? 'server';
  const part = (locale: Locale): string => `<p lang="${locale}">${escapeHtml(STRINGS[locale].errors[key])}</p>`;
  return layout('zh-CN', `${STRINGS['zh-CN'].errorTitle} / ${STRINGS.en.errorTitle}`, `<h1>${escapeHtml(STRINGS['zh-CN'].errorTitle)} / ${escapeHtml(STRINGS.en.errorTitle)}</h1>${part('zh-CN')}${part('en')}`);
}
