import { renderIncidentAlert } from './incident-alert.template';
import { renderIncidentDrillSummary } from './incident-drill.template';
import { incidentNoticeFromDraft, renderIncidentNotice, type IncidentNoticeModel } from './incident-notice.template';
import { INCIDENT_NOTICE_WORDING_VERSION } from './incident.wording';

const model: IncidentNoticeModel = {
  incidentId: 'inc_1',
  organisation: 'A&B 珠宝',
  categories: ['bank_card', 'contact'],
  cause: '备份服务器配置错误 <script>',
  contact: 'dpo@shop.example, 400-800-1234',
  detectedAt: '2026-03-01T17:00:00Z',
};

describe('renderIncidentNotice (PIPL Art. 57 three items)', () => {
  it('zh-CN: categories, cause and possible harm; measures and what to do; contact — in that order', () => {
    const mail = renderIncidentNotice(model, 'zh-CN');
    const at = (s: string) => mail.text.indexOf(s);
    expect(mail.subject).toBe('【A&B 珠宝】个人信息安全事件告知（事件编号 inc_1）');
    expect(mail.text).toContain('涉及的个人信息种类：银行卡号、姓名、联系方式和地址');
    expect(mail.text).toContain('事件原因：备份服务器配置错误 <script>');
    expect(mail.text).toContain('盗刷');
    expect(mail.text).toContain('已启动应急预案');
    expect(mail.text).toContain('挂失');
    expect(mail.text).toContain('请联系：dpo@shop.example, 400-800-1234');
    // UTC+8: 17:00Z on 1 March is 2 March in China.
    expect(mail.text).toContain('2026年3月2日');
    expect(at('一、')).toBeLessThan(at('二、'));
    expect(at('二、')).toBeLessThan(at('三、'));
    expect(mail.wordingVersion).toBe(INCIDENT_NOTICE_WORDING_VERSION['zh-CN']);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<meta charset="utf-8">');
  });

  it('en: the same three items in English, with the measures as given and the default cause', () => {
    const mail = renderIncidentNotice({ ...model, cause: undefined, measures: ['We rotated every credential.'] }, 'en');
    expect(mail.text).toMatch(/1\. Categories of personal information, cause and possible harm/);
    expect(mail.text).toContain('bank card number, name, contact details and address');
    expect(mail.text).toContain('under investigation');
    expect(mail.text).toContain('2. Measures we have taken and what you can do');
    expect(mail.text).toContain('We rotated every credential.');
    expect(mail.text).toContain('3. Contact');
    expect(mail.text).toContain('dpo@shop.example');
    expect(mail.subject).toBe('[A&B 珠宝] Personal information security incident notice (incident inc_1)');
  });

  it('a stored draft becomes the same text and an escaped HTML part', () => {
    const mail = incidentNoticeFromDraft('en', { subject: 'S', text: 'a < b\n' });
    expect(mail).toMatchObject({ subject: 'S', text: 'a < b\n' });
    expect(mail.html).toContain('a &lt; b');
  });
});

describe('drill summary and alerts', () => {
  it('the drill summary states that no customer was mailed and carries the counts and the notice', () => {
    const zh = renderIncidentNotice(model, 'zh-CN');
    const en = renderIncidentNotice(model, 'en');
    const mail = renderIncidentDrillSummary({ incidentId: 'inc_1', eligible: 12, withEmail: 9, phoneOnly: 2, unreachable: 1, notice: { 'zh-CN': zh, en } });
    expect(mail.subject).toContain('DRILL');
    expect(mail.subject).toContain('inc_1');
    expect(mail.text).toContain('未向任何客户发送邮件');
    expect(mail.text).toContain('12 affected customers');
    expect(mail.text).toContain(zh.text.trim());
  });

  it('an escalation names the missed task and its basis; a reminder says it is due', () => {
    const task = { id: 'contain', title: { 'zh-CN': '控制事态', en: 'Contain' }, deadline: 'containment', article: 'PIPL Art. 57' };
    const missed = renderIncidentAlert({ kind: 'escalation', incidentId: 'inc_1', drill: true, task, dueAt: '2026-03-01T11:00:00.000Z', tier: 'none', affected: 3, recipientName: '王经理' });
    expect(missed.subject).toContain('【演练】【逾期】');
    expect(missed.subject).toContain('MISSED: Contain');
    expect(missed.text).toContain('王经理，您好');
    expect(missed.text).toContain('PIPL Art. 57');
    const reminder = renderIncidentAlert({ kind: 'reminder', incidentId: 'inc_1', drill: false, task, dueAt: '2026-03-01T11:00:00.000Z', tier: 'none', affected: 3 });
    expect(reminder.subject).toContain('Due soon: Contain');
    expect(reminder.subject).not.toContain('DRILL');
  });
});
