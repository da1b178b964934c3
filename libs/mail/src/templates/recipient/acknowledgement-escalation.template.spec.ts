import { renderRecipientLink } from './recipient-link.template';
import { ACKNOWLEDGEMENT_ESCALATION_WORDING_VERSION, renderAcknowledgementEscalation } from './acknowledgement-escalation.template';

describe('the acknowledgement reminders and escalation', () => {
  const link = {
    recipientName: '乙公司', transferorName: '甲珠宝', caseId: 'cs_1', packageId: 'cs_1:package', records: 3,
    link: 'http://portal.test/r/abc.def', expiresAt: '2026-12-01T00:00:00.000Z',
  };

  it('marks a reminder in the subject and carries the same link', () => {
    const reminder = renderRecipientLink({ ...link, reminder: 2 });
    expect(reminder.subject).toContain('【提醒 2】');
    expect(reminder.subject).toContain('Reminder 2:');
    expect(reminder.text).toContain('http://portal.test/r/abc.def');
    expect(renderRecipientLink(link).subject).not.toContain('Reminder');
  });

  it('tells the manager the due time, the recipient and how to override, in zh-CN and en, escaped in HTML', () => {
    const mail = renderAcknowledgementEscalation({ managerName: '孙<经理>', caseId: 'cs_1', recipientName: '乙公司', dueAt: '2026-12-19T00:00:00.000Z' });
    expect(mail.subject).toContain('OVERDUE');
    expect(mail.subject).toContain('cs_1');
    expect(mail.text).toContain('乙公司');
    expect(mail.text).toContain('2026-12-19 00:00 UTC');
    expect(mail.text).toContain('npx handover handover override cs_1');
    expect(mail.text).toContain('/v1/cases/cs_1/handover/override');
    expect(mail.html).toContain('孙&lt;经理&gt;');
    expect(mail.wordingVersion).toBe(ACKNOWLEDGEMENT_ESCALATION_WORDING_VERSION);
  });
});
