import { renderCaseOpened } from './case-opened.template';

describe('renderCaseOpened', () => {
  it('writes zh-CN first, then English, and escapes HTML in names', () => {
    const mail = renderCaseOpened({ managerName: '李<经理>', caseId: 'c_1', kind: 'bankruptcy', transferorName: 'A&B 商店' });
    expect(mail.text.indexOf('您好')).toBeLessThan(mail.text.indexOf('Dear'));
    expect(mail.text).toContain('破产');
    expect(mail.text).toContain('none (no successor)');
    expect(mail.html).toContain('李&lt;经理&gt;');
    expect(mail.html).toContain('A&amp;B');
    expect(mail.html).toContain('<meta charset="utf-8">');
  });
});
