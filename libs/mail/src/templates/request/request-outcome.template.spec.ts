import { renderRequestAlert } from './request-alert.template';
import { renderRequestOutcome } from './request-outcome.template';
import { renderRequestWithdrawal } from './request-withdrawal.template';

describe('request templates', () => {
  it('PIPL Art. 50: a refusal states its reasons and the routes of complaint (zh-CN and en)', () => {
    const zh = renderRequestOutcome({ locale: 'zh-CN', requestId: 'rq_1', type: 'delete', outcome: 'refused', transferorName: '某店', reasons: '法定保存期限未届满', complaintRoutes: ['向网信部门投诉'] });
    expect(zh.subject).toContain('删除');
    expect(zh.text).toContain('法定保存期限未届满');
    expect(zh.text).toContain('向网信部门投诉');
    const en = renderRequestOutcome({ locale: 'en', requestId: 'rq_1', type: 'delete', outcome: 'refused', transferorName: 'Shop', reasons: 'retention period', complaintRoutes: ['a supervisory authority'] });
    expect(en.text).toContain('PIPL Art. 50');
    expect(en.wordingVersion).toBe('request-outcome/en/2026.1');
  });

  it('access done carries the download link; html escapes', () => {
    const mail = renderRequestOutcome({ locale: 'en', requestId: 'rq_2', type: 'access', outcome: 'done', transferorName: '<b>Shop</b>', downloadUrl: 'http://p/d/tok', downloadExpiresAt: '2026-01-01T00:00:00.000Z' });
    expect(mail.text).toContain('http://p/d/tok');
    expect(mail.html).not.toContain('<b>Shop</b>');
  });

  it('the escalation to the manager and the withdrawal to the recipient carry ids only', () => {
    const alert = renderRequestAlert({ kind: 'escalation', caseId: 'cs_1', requestId: 'rq_3', type: 'access', dueAt: '2026-01-01T00:00:00.000Z', managerName: '王' });
    expect(alert.subject).toContain('OVERDUE');
    const forward = renderRequestWithdrawal({ caseId: 'cs_1', requestId: 'rq_4', customerRef: 'abc123', recipientName: 'Buyer', transferorName: 'Shop', withdrawnAt: '2026-01-01T00:00:00.000Z' });
    expect(forward.text).toContain('abc123');
    expect(forward.subject).toContain('abc123');
  });
});
