import { renderThirdPartyEscalation } from './third-party-escalation.template';
import { renderThirdPartyRequest, type ThirdPartyRequestModel } from './third-party-request.template';
import { THIRD_PARTY_REQUEST_WORDING_VERSION } from './third-party.wording';

const request: ThirdPartyRequestModel = {
  thirdPartyName: '云<仓储>服务公司',
  transferorName: 'A&B 珠宝',
  caseId: 'cs_1',
  categories: ['contact', 'orders'],
  dueAt: '2026-04-01T00:00:00.000Z',
  link: 'http://127.0.0.1:3001/t/abc.def',
  reminder: 0,
};

describe('third-party request', () => {
  it('asks for deletion in zh-CN first, then English, with the link, the due time and the four answers', () => {
    const mail = renderThirdPartyRequest(request);
    expect(mail.text.indexOf('第二十一条')).toBeLessThan(mail.text.indexOf('Dear'));
    expect(mail.text).toContain('2026年4月1日 08:00（北京时间）');
    expect(mail.text).toContain('2026-04-01 00:00 UTC');
    expect(mail.text.split(request.link)).toHaveLength(3);
    for (const word of ['已删除', '未持有', '例外', '保存截止日期', 'not held', 'legal hold']) expect(mail.text).toContain(word);
    expect(mail.text).toContain('Sending this request does not complete the deletion');
    expect(mail.subject).not.toContain('提醒');
    expect(mail.wordingVersion).toBe(THIRD_PARTY_REQUEST_WORDING_VERSION);
  });

  it('escapes names in HTML and links the portal', () => {
    const mail = renderThirdPartyRequest(request);
    expect(mail.html).toContain('云&lt;仓储&gt;服务公司');
    expect(mail.html).toContain('A&amp;B');
    expect(mail.html).toContain(`<a href="${request.link}">`);
    expect(mail.html).toContain('<meta charset="utf-8">');
  });

  it('marks reminders', () => {
    const mail = renderThirdPartyRequest({ ...request, reminder: 2 });
    expect(mail.subject).toContain('【提醒 2】');
    expect(mail.subject).toContain('Reminder 2:');
    expect(mail.text).toContain('this is a reminder');
  });
});

describe('third-party escalation', () => {
  it('names every overdue third party, once, in both languages', () => {
    const mail = renderThirdPartyEscalation({
      managerName: '李经理',
      caseId: 'cs_1',
      dueAt: '2026-04-01T00:00:00.000Z',
      overdue: [{ id: 'tp_1', name: '迟到物流<有限公司>', categories: ['contact'] }],
    });
    expect(mail.subject).toContain('1 third party has not confirmed');
    expect(mail.text).toContain('- 迟到物流<有限公司>（tp_1）：contact');
    expect(mail.text).toContain('- 迟到物流<有限公司> (tp_1): contact');
    expect(mail.html).toContain('迟到物流&lt;有限公司&gt;');
    expect(mail.text).toContain('recorded as late');
  });
});
