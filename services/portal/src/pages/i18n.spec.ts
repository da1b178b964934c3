import { formatDeadline, localeOf, LOCALES, STRINGS, type PageStrings } from './i18n';

/** Every leaf of a strings object, as dotted key → text. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const CJK = /[\u4e00-\u9fff]/;

describe('portal strings', () => {
  const zh = leaves(STRINGS['zh-CN']);
  const en = leaves(STRINGS.en);

  it('has the same keys in zh-CN and en, each a non-empty string', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const locale of LOCALES) {
      for (const [key, text] of leaves(STRINGS[locale])) expect({ locale, key, ok: typeof text === 'string' && text.trim().length > 0 }).toEqual({ locale, key, ok: true });
    }
  });

  it('writes zh-CN in Chinese and en without Chinese (except the language switch)', () => {
    for (const [key, text] of zh) if (key !== 'otherLanguage') expect({ key, chinese: CJK.test(String(text)) }).toEqual({ key, chinese: true });
    for (const [key, text] of en) if (key !== 'otherLanguage') expect({ key, chinese: CJK.test(String(text)) }).toEqual({ key, chinese: false });
  });

  it('confirms each recorded answer in the words the browser test looks for', () => {
    const confirmations = (s: PageStrings) => s.confirmations;
    expect(confirmations(STRINGS['zh-CN']).consent).toContain('已记录您的同意');
    expect(confirmations(STRINGS.en).consent).toContain('Your consent has been recorded');
    expect(confirmations(STRINGS['zh-CN']).object).toContain('已记录您的反对');
    expect(confirmations(STRINGS.en).withdrawn).toContain('withdrawal');
  });

  it('picks English only for lang=en', () => {
    expect(localeOf('en')).toBe('en');
    expect(localeOf(undefined)).toBe('zh-CN');
    expect(localeOf('fr')).toBe('zh-CN');
    expect(localeOf(['en'])).toBe('zh-CN');
  });

  it('shows deadlines in the configured time zone, naming it', () => {
    expect(formatDeadline('2026-04-01T00:00:00.000Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年4月1日 08:00（GMT+8）');
    expect(formatDeadline('2026-04-01T00:00:00.000Z', 'en', 'Asia/Shanghai')).toBe('April 1, 2026 at 08:00 (GMT+8)');
    expect(formatDeadline('2026-04-01T00:00:00.000Z', 'en', 'Europe/Berlin')).toBe('April 1, 2026 at 02:00 (GMT+2)');
    expect(formatDeadline('not a date', 'en', 'Asia/Shanghai')).toBe('not a date');
  });
});
