import { escapeHtml, htmlDocument } from '../escape';
import type { RenderedThirdPartyMail } from './third-party-request.template';
import { formatDue, THIRD_PARTY_ESCALATION_WORDING_VERSION } from './third-party.wording';

export interface ThirdPartyEscalationModel {
  managerName: string;
  caseId: string;
  /** ISO instant the confirmations were due. */
  dueAt: string;
  /** The third parties that have not confirmed (names decrypted for the manager only). */
  overdue: Array<{ id: string; name: string; categories: string[] }>;
}

/** One escalation to the case manager at the deadline, naming every third party that has not confirmed. */
export function renderThirdPartyEscalation(model: ThirdPartyEscalationModel): RenderedThirdPartyMail {
  const count = model.overdue.length;
  const subject = `【逾期】${count} 个第三方未确认删除（案件 ${model.caseId}）/ OVERDUE: ${count} third part${count === 1 ? 'y has' : 'ies have'} not confirmed deletion (${model.caseId})`;
  const lineZh = (p: ThirdPartyEscalationModel['overdue'][number]): string => `- ${p.name}（${p.id}）：${p.categories.join('、')}`;
  const lineEn = (p: ThirdPartyEscalationModel['overdue'][number]): string => `- ${p.name} (${p.id}): ${p.categories.join(', ')}`;
  const text =
    [
      `${model.managerName}，您好：`,
      `案件 ${model.caseId} 中，以下第三方在截止时间 ${formatDue(model.dueAt, 'zh-CN')} 前未确认删除，已标记为逾期：`,
      ...model.overdue.map(lineZh),
      '请跟进（依据《个人信息保护法》第二十一条）。逾期后的确认仍会被接受并记录为逾期确认。',
      '',
      `Dear ${model.managerName},`,
      `In case ${model.caseId} these third parties had not confirmed deletion by ${formatDue(model.dueAt, 'en')} and are now overdue:`,
      ...model.overdue.map(lineEn),
      'Please follow up (PIPL Art. 21). A confirmation after the due time is still accepted and recorded as late.',
    ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: THIRD_PARTY_ESCALATION_WORDING_VERSION };
}
