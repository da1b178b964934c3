import { renderNotice } from './notice.template';
import type { NoticeModel } from './notice.model';

const base: NoticeModel = {
  locale: 'zh-CN',
  customerName: '张<三>',
  route: 'notice',
  caseKind: 'merger',
  transferor: { name: '甲公司', contact: '010-12345678' },
  recipient: { name: '乙公司', contact: 'dpo@yi.example', country: 'CN' },
  purpose: '继续提供原有商品和售后服务',
  categories: ['姓名', '手机号码'],
  additions: [],
  sensitive: [],
  retention: '至服务终止后3年',
  deadline: '2026-12-31',
  link: 'http://127.0.0.1:3001/c/tok.en',
  reminder: 0,
};

describe('renderNotice', () => {
  it('PIPL Art. 22: names the recipient and its contact, the deadline and the link, zh-CN', () => {
    const mail = renderNotice(base);
    expect(mail.text).toContain('乙公司');
    expect(mail.text).toContain('dpo@yi.example');
    expect(mail.text).toContain('2026-12-31');
    expect(mail.text).toContain(base.link);
    expect(mail.text).toContain('反对');
    expect(mail.text).not.toContain('单独同意');
    expect(mail.wordingVersion).toBe('notice/zh-CN/2026.1');
    expect(mail.html).toContain('张&lt;三&gt;');
    expect(mail.html).toContain(`<a href="${base.link}">`);
  });

  it('PIPL Art. 23/29/39: a consent route asks for separate consent and adds sensitive and cross-border text', () => {
    const mail = renderNotice({ ...base, route: 'separate-consent', additions: ['art30-necessity-impact', 'art39-foreign-rights'], sensitive: ['身份证号'], recipient: { name: 'Buyer Ltd', contact: 'dpo@buyer.sg', country: 'SG' } });
    expect(mail.subject).toContain('单独同意');
    expect(mail.text).toContain('视为不同意');
    expect(mail.text).toContain('境外接收方');
    expect(mail.text).toContain('身份证号');
  });

  it('PIPL Art. 31: guardian consent in English, with a reminder prefix', () => {
    const mail = renderNotice({ ...base, locale: 'en', route: 'guardian-consent', reminder: 1 });
    expect(mail.subject.startsWith('[Reminder]')).toBe(true);
    expect(mail.text).toContain('consent as parent or guardian');
    expect(mail.wordingVersion).toBe('notice/en/2026.1');
  });

  it('PIPL Art. 47: a delete route tells the customer the data will be deleted, no recipient', () => {
    const mail = renderNotice({ ...base, route: 'delete', recipient: undefined });
    expect(mail.text).toContain('删除');
    expect(mail.text).not.toContain('接收方名称');
  });
});
