import type { IncidentPlaybook } from './playbook.types';

const REMIND = 0.75;

/** EU: GDPR Art. 33 (authority within 72 h of awareness) and Art. 34 (individuals on high risk). */
export const EU_GDPR_PLAYBOOK: IncidentPlaybook = {
  id: 'eu-gdpr-breach',
  version: '2016-679.1',
  jurisdiction: 'EU-GDPR',
  title: 'Personal data breach (GDPR Art. 33, 34)',
  steps: [
    {
      id: 'contain',
      title: { 'zh-CN': '控制事态并采取补救措施', en: 'Contain the breach and mitigate its effects' },
      ownerRole: 'incident-responder',
      due: { deadline: 'containment' },
      when: { always: true },
      escalation: { remindAtFraction: REMIND, onMiss: 'case-manager' },
      endsHandling: true,
      basis: 'GDPR Art. 33(3)(d), Art. 32',
    },
    {
      id: 'assess',
      title: { 'zh-CN': '评估对个人权利和自由的风险', en: 'Assess the risk to the rights and freedoms of individuals' },
      ownerRole: 'incident-responder',
      due: { offset: 'PT24H', from: 'awareness' },
      when: { always: true },
      escalation: { remindAtFraction: REMIND, onMiss: 'internal' },
      endsHandling: true,
      basis: 'GDPR Art. 33(1), 34(1) (risk assessment)',
    },
    {
      id: 'report-to-authority',
      title: { 'zh-CN': '向监管机构报告（逾期需说明理由）', en: 'Notify the supervisory authority (with reasons if late)' },
      ownerRole: 'pi-protection-officer',
      due: { deadline: 'authority-report' },
      when: { deadlineApplies: 'authority-report' },
      escalation: { remindAtFraction: REMIND, onMiss: 'case-manager' },
      endsHandling: true,
      basis: 'GDPR Art. 33(1), 33(4)',
    },
    {
      id: 'notify-individuals',
      title: { 'zh-CN': '批准并通知个人', en: 'Approve and communicate the breach to individuals' },
      ownerRole: 'pi-protection-officer',
      due: { deadline: 'individual-notice' },
      when: { deadlineApplies: 'individual-notice' },
      escalation: { remindAtFraction: REMIND, onMiss: 'case-manager' },
      endsHandling: true,
      onComplete: 'send-individual-notices',
      basis: 'GDPR Art. 34(1)-(2)',
    },
    {
      id: 'remediate',
      title: { 'zh-CN': '整改根因并加固', en: 'Fix the root cause and harden' },
      ownerRole: 'security-engineering',
      due: { offset: 'P7D', from: 'awareness' },
      when: { always: true },
      escalation: { remindAtFraction: REMIND, onMiss: 'internal' },
      endsHandling: true,
      basis: 'GDPR Art. 32(1)(d)',
    },
    {
      id: 'review',
      title: { 'zh-CN': '记录事件并复盘', en: 'Document the breach and review' },
      ownerRole: 'management',
      due: { offset: 'P30D', from: 'handling-ended' },
      when: { always: true },
      escalation: { remindAtFraction: REMIND, onMiss: 'internal' },
      endsHandling: false,
      basis: 'GDPR Art. 33(5) (documentation of breaches)',
    },
  ],
};
