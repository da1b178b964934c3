import { renderRecipientLink, RECIPIENT_LINK_WORDING_VERSION } from './recipient-link.template';

describe('renderRecipientLink', () => {
  const mail = renderRecipientLink({
    recipientName: '乙<公司>',
    transferorName: '甲珠宝',
    caseId: 'cs_1',
    packageId: 'cs_1:package',
    records: 12,
    link: 'http://portal.test/r/abc.def',
    expiresAt: '2026-12-01T00:00:00.000Z',
  });

  it('carries the Art. 22 obligations in zh-CN and en, with the link', () => {
    expect(mail.text).toContain('第二十二条');
    expect(mail.text).toContain('重新取得个人的同意');
    expect(mail.text).toContain('Article 22');
    expect(mail.text).toContain('same purposes and by the same methods');
    expect(mail.text.match(/http:\/\/portal\.test\/r\/abc\.def/g)).toHaveLength(2);
    expect(mail.wordingVersion).toBe(RECIPIENT_LINK_WORDING_VERSION);
  });

  it('escapes names in the HTML part', () => {
    expect(mail.html).toContain('乙&lt;公司&gt;');
    expect(mail.html).not.toContain('乙<公司>');
    expect(mail.html).toContain('<meta charset="utf-8">');
  });
});
