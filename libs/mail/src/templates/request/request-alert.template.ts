import { escapeHtml, htmlDocument } from '../escape';
import { requestTypeWord, type RenderedRequestMail } from './request.wording';

export interface RequestAlertModel {
  kind: 'reminder' | 'escalation';
  caseId: string;
  requestId: string;
  type: string;
  dueAt: string;
  managerName: string;
}

export const REQUEST_ALERT_WORDING_VERSION = 'request-alert/2026.1';

/** To the case manager: a request is due soon (reminder) or overdue (escalation). Ids only, no customer data. */
export function renderRequestAlert(model: RequestAlertModel): RenderedRequestMail {
  const overdue = model.kind === 'escalation';
  const zhType = requestTypeWord(model.type, 'zh-CN');
  const enType = requestTypeWord(model.type, 'en');
  const subject = overdue
    ? `【逾期】个人信息权利请求 ${model.requestId} 已超过答复期限 / OVERDUE: data-subject request ${model.requestId}`
    : `【提醒】个人信息权利请求 ${model.requestId} 即将到期 / Due soon: data-subject request ${model.requestId}`;
  const text = [
    `${model.managerName}，您好：`,
    overdue
      ? `案件 ${model.caseId} 的${zhType}请求 ${model.requestId} 已于 ${model.dueAt}（UTC）到期仍未答复，现升级通知您。请立即处理（《个人信息保护法》第五十条：及时答复）。`
      : `案件 ${model.caseId} 的${zhType}请求 ${model.requestId} 将于 ${model.dueAt}（UTC）到期，请及时答复。`,
    '',
    `Dear ${model.managerName},`,
    overdue
      ? `The ${enType} request ${model.requestId} of case ${model.caseId} was due at ${model.dueAt} (UTC) and has not been answered: this is an escalation (PIPL Art. 50).`
      : `The ${enType} request ${model.requestId} of case ${model.caseId} is due at ${model.dueAt} (UTC). Please answer it.`,
    `GET /v1/requests?caseId=${model.caseId}`,
  ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: REQUEST_ALERT_WORDING_VERSION };
}
