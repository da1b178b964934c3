import { renderThirdPartyPage, type ThirdPartyPageModel } from './third-party.page';
import { THIRD_PARTY_STRINGS } from './third-party.strings';

const base: ThirdPartyPageModel = {
  locale: 'zh-CN',
  token: 'tok.sig',
  csrf: 'csrf-value',
  timeZone: 'Asia/Shanghai',
  transferorName: '某某珠宝店',
  thirdPartyName: '云<仓储>公司',
  categories: ['contact', 'orders'],
  dueAt: '2026-04-01T00:00:00.000Z',
  status: 'requested',
};

const forms = (html: string): string[] => [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]);

function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  } else out.set(prefix, value);
  return out;
}

describe('third-party page', () => {
  it('has the same non-empty strings in zh-CN and en', () => {
    const zh = leaves(THIRD_PARTY_STRINGS['zh-CN']);
    const en = leaves(THIRD_PARTY_STRINGS.en);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const text of [...zh.values(), ...en.values()]) expect(typeof text === 'string' && text.length > 0).toBe(true);
  });

  it('shows the third party, the categories and the due time, escaped, with no external assets', () => {
    const html = renderThirdPartyPage(base);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('云&lt;仓储&gt;公司');
    expect(html).toContain('contact、orders');
    expect(html).toContain('2026年4月1日 08:00');
    expect(html).toContain('待确认');
    expect(html).not.toMatch(/<(script|img|iframe)\b/);
  });

  it('offers one form posting the CSRF field and the language, with the four answers and none pre-selected', () => {
    const html = renderThirdPartyPage({ ...base, locale: 'en' });
    const all = forms(html);
    expect(all).toHaveLength(1);
    expect(all[0]).toContain('action="/t/tok.sig?lang=en"');
    expect(all[0]).toContain('name="csrf" value="csrf-value"');
    expect(all[0]).toContain('name="lang" value="en"');
    for (const kind of ['deleted', 'not-held', 'exception', 'legal-hold']) expect(all[0]).toContain(`value="${kind}"`);
    expect(all[0]).not.toContain('checked');
    for (const field of ['confirmedBy', 'method', 'deletedAt', 'explanation', 'basis', 'retainedUntil']) expect(all[0]).toContain(`name="${field}"`);
  });

  it('shows a recorded late answer and no form', () => {
    const html = renderThirdPartyPage({ ...base, status: 'confirmed', answer: { kind: 'deleted', at: '2026-04-02T00:00:00.000Z', late: true }, confirmation: true });
    expect(html).toContain('记录为逾期确认');
    expect(html).toContain('已删除');
    expect(forms(html)).toHaveLength(0);
  });

  it('names the fields at fault and the refusal, never the values', () => {
    const html = renderThirdPartyPage({ ...base, locale: 'en', invalidFields: ['deletedAt', 'kind'], rejection: 'ALREADY_ANSWERED' });
    expect(html).toContain('Please check these fields: Date of deletion, Your confirmation');
    expect(html).toContain('already recorded');
  });
});
