import { EN, ZH_CN, type MessageKey } from './messages';

export type Locale = 'en' | 'zh-CN';
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `--lang` first, then LC_ALL, LC_MESSAGES, LANG (POSIX order); `zh…` is Chinese, anything else English. */
export function resolveLocale(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Locale {
  const value = flag ?? [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '') ?? '';
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}

/** A language flag the CLI knows, or undefined (then the caller reports it in English and Chinese). */
export function parseLangFlag(value: string): Locale | undefined {
  if (/^en\b/i.test(value)) return 'en';
  if (/^zh([-_](cn|hans))?$/i.test(value)) return 'zh-CN';
  return undefined;
}

export function translator(locale: Locale): Translate {
  const table: Record<MessageKey, string> = locale === 'zh-CN' ? ZH_CN : EN;
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
