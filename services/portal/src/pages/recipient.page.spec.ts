import { renderRecipientPage, RECIPIENT_STRINGS, type RecipientPageModel } from './recipient.page';

const model: RecipientPageModel = {
  locale: 'zh-CN',
  token: 'tok.en',
  csrf: 'csrf-value',
  timeZone: 'Asia/Shanghai',
  transferorName: '甲<珠宝>',
  recipientName: '乙公司',
  packageId: 'cs_1:package',
  records: 7,
  createdAt: '2026-03-01T00:00:00.000Z',
};

describe('recipient page', () => {
  it('shows the Art. 22 obligations and a CSRF-protected form in zh-CN by default', () => {
    const html = renderRecipientPage(model);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('第二十二条');
    expect(html).toContain('重新取得个人的同意');
    expect(html).toContain('name="csrf" value="csrf-value"');
    expect(html).toContain('action="/r/tok.en"');
    expect(html).toContain('甲&lt;珠宝&gt;');
  });

  it('shows English with ?lang=en and hides the form once acknowledged', () => {
    const html = renderRecipientPage({ ...model, locale: 'en', acknowledgedAt: '2026-03-02T00:00:00.000Z' });
    expect(html).toContain('Article 22');
    expect(html).toContain('id="acknowledged"');
    expect(html).not.toContain('<form');
  });

  it('has every string in both languages', () => {
    const zh = RECIPIENT_STRINGS['zh-CN'];
    const en = RECIPIENT_STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(en.obligations).toHaveLength(zh.obligations.length);
  });
});
