import { CASE_CANCELLED_WORDING_VERSION, renderCaseCancelledNotice } from './case-cancelled.template';

describe('renderCaseCancelledNotice', () => {
  it('says in zh-CN and en that the transfer will not take place and the copy is deleted, escaped in HTML', () => {
    const mail = renderCaseCancelledNotice({ customerName: '王<五>', transferorName: '甲珠宝', recipientName: '乙公司', caseId: 'cs_1' });
    expect(mail.subject).toContain('CANCELLED');
    expect(mail.text).toContain('转移已经取消');
    expect(mail.text).toContain('给乙公司');
    expect(mail.text).toContain('will not be transferred');
    expect(mail.text).toContain('has been deleted');
    expect(mail.html).toContain('王&lt;五&gt;');
    expect(mail.wordingVersion).toBe(CASE_CANCELLED_WORDING_VERSION);
  });

  it('greets neutrally and names no recipient when there is none', () => {
    const mail = renderCaseCancelledNotice({ transferorName: '甲珠宝', caseId: 'cs_1' });
    expect(mail.text).toContain('Dear customer,');
    expect(mail.text).not.toContain(' to ');
  });
});
