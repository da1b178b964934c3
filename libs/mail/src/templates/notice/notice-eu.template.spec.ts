import { renderNotice } from './notice.template';
import type { NoticeLocale, NoticeModel } from './notice.model';

/**
 * Issue 14: an EU-GDPR case's notice carries no PIPL wording and names each element GDPR Art. 13
 * and 14 require, in both locales (one test per element), including the Art. 14 source of the data
 * and the third-country safeguards for a recipient outside the EU/EEA.
 */
const model = (locale: NoticeLocale, overrides: Partial<NoticeModel> = {}): NoticeModel => ({
  locale,
  jurisdiction: 'EU-GDPR',
  customerName: 'Anna Schmidt',
  route: 'notice',
  caseKind: 'merger',
  transferor: { name: 'Alpha GmbH', contact: 'privacy@alpha.example' },
  recipient: { name: 'Beta SAS', contact: 'dpo@beta.example', country: 'US' },
  purpose: 'continuing the service you signed up for',
  categories: ['name'],
  additions: ['gdpr-art13-14-third-country-transfer'],
  sensitive: [],
  retention: 'three years after the end of the contract',
  deadline: '2026-12-31',
  link: 'http://127.0.0.1:3001/c/tok.en',
  reminder: 0,
  ...overrides,
});

/** Art. 13/14 element → what each locale's text must say. */
const ELEMENTS: ReadonlyArray<[string, Record<NoticeLocale, readonly string[]>]> = [
  ['controller identity and contact (Art. 13(1)(a))', { en: ['Controller: Alpha GmbH, contact: privacy@alpha.example'], 'zh-CN': ['控制者：Alpha GmbH，联系方式：privacy@alpha.example'] }],
  ['the new controller and its contact', { en: ['Recipient (new controller): Beta SAS', 'dpo@beta.example'], 'zh-CN': ['接收方（新的控制者）名称：Beta SAS', 'dpo@beta.example'] }],
  ['data protection officer contact (Art. 13(1)(b))', { en: ['Data protection officer'], 'zh-CN': ['数据保护官'] }],
  ['purposes (Art. 13(1)(c))', { en: ['Purposes of processing: continuing the service'], 'zh-CN': ['处理目的：continuing the service'] }],
  ['legal basis (Art. 13(1)(c))', { en: ['Legal basis:', 'Art. 6(1)'], 'zh-CN': ['法律依据：', '第6条第1款'] }],
  ['recipients (Art. 13(1)(e))', { en: ['Beta SAS'], 'zh-CN': ['Beta SAS'] }],
  ['third-country transfer and safeguards (Art. 13(1)(f))', { en: ['Transfer to a third country', 'outside the EU/EEA (US)', 'standard contractual clauses', 'copy of the safeguards'], 'zh-CN': ['第三国转移', '欧盟/欧洲经济区以外（US）', '标准合同条款', '保障措施的副本'] }],
  ['retention period (Art. 13(2)(a))', { en: ['Retention period: three years after the end of the contract'], 'zh-CN': ['保存期限：three years after the end of the contract'] }],
  ['right of access', { en: ['access'], 'zh-CN': ['查阅'] }],
  ['right to rectification', { en: ['rectification'], 'zh-CN': ['更正'] }],
  ['right to erasure', { en: ['erasure'], 'zh-CN': ['删除'] }],
  ['right to restriction', { en: ['restriction of processing'], 'zh-CN': ['限制处理'] }],
  ['right to object', { en: ['objection to processing'], 'zh-CN': ['反对处理'] }],
  ['right to data portability', { en: ['data portability'], 'zh-CN': ['数据可携带'] }],
  ['right to withdraw consent (Art. 13(2)(c))', { en: ['withdraw your consent at any time'], 'zh-CN': ['随时撤回同意'] }],
  ['complaint to a supervisory authority (Art. 13(2)(d))', { en: ['lodge a complaint with a supervisory authority'], 'zh-CN': ['向数据保护监督机构', '投诉'] }],
  ['source of the data (Art. 14(2)(f))', { en: ['Source of the data: the recipient obtains your personal data from Alpha GmbH'], 'zh-CN': ['数据来源：接收方从Alpha GmbH获得您的个人数据'] }],
  ['automated decision-making (Art. 13(2)(f))', { en: ['Automated decision-making:'], 'zh-CN': ['自动化决策：'] }],
];

const PIPL_WORDING = ['mainland China', 'PIPL', 'original processor', 'personal information', '个人信息保护法', '个人信息处理者', '境外接收方', '单独同意', '视为不同意'];

describe('the EU-GDPR notice', () => {
  describe.each(['en', 'zh-CN'] as const)('%s', (locale) => {
    const text = renderNotice(model(locale)).text;

    it.each(ELEMENTS)('names %s', (_element, wording) => {
      for (const words of wording[locale]) expect(text).toContain(words);
    });

    it.each(['notice', 'separate-consent', 'guardian-consent', 'notice-of-change', 'delete'])('carries no PIPL wording on the %s route', (route) => {
      const mail = renderNotice(model(locale, { route, sensitive: ['health information'] }));
      for (const words of PIPL_WORDING) {
        expect(mail.text).not.toContain(words);
        expect(mail.subject).not.toContain(words);
      }
    });

    it('the consent route states consent as the legal basis; no third-country line for an EU recipient', () => {
      const mail = renderNotice(model(locale, { route: 'separate-consent', additions: [], recipient: { name: 'Beta SAS', contact: 'dpo@beta.example', country: 'FR' } }));
      expect(mail.text).toContain(locale === 'en' ? 'your consent (GDPR Art. 6(1)(a))' : '您的同意（GDPR 第6条第1款(a)项）');
      expect(mail.text).not.toContain(locale === 'en' ? 'Transfer to a third country' : '第三国转移');
      expect(mail.wordingVersion).toBe(`notice-eu/${locale}/2026.1`);
    });
  });

  it('a CN case keeps the PIPL wording', () => {
    const mail = renderNotice(model('en', { jurisdiction: 'CN-PIPL', additions: ['art39-foreign-rights'] }));
    expect(mail.text).toContain('outside mainland China');
    expect(mail.wordingVersion).toBe('notice/en/2026.1');
  });
});
