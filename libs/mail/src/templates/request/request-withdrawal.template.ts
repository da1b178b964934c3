import { escapeHtml, htmlDocument } from '../escape';
import type { RenderedRequestMail } from './request.wording';

export interface RequestWithdrawalModel {
  caseId: string;
  requestId: string;
  /** The customer reference (blind index): no more data than needed. */
  customerRef: string;
  recipientName: string;
  transferorName: string;
  withdrawnAt: string;
}

export const REQUEST_WITHDRAWAL_WORDING_VERSION = 'request-withdrawal/2026.1';

/** To the recipient after the handover: a customer withdrew consent (PIPL Art. 15). Names the customer reference only. */
export function renderRequestWithdrawal(model: RequestWithdrawalModel): RenderedRequestMail {
  const subject = `【撤回同意】案件 ${model.caseId} 客户 ${model.customerRef} / Consent withdrawn: case ${model.caseId}, customer ${model.customerRef}`;
  const text = [
    `${model.recipientName}，您好：`,
    `${model.transferorName} 转移给贵方的客户（客户参考号 ${model.customerRef}，见移交清单）已于 ${model.withdrawnAt}（UTC）撤回同意（请求编号 ${model.requestId}）。`,
    '根据《个人信息保护法》第十五条，请停止基于同意的处理，并依法删除或停止处理相关个人信息。',
    '',
    `Dear ${model.recipientName},`,
    `The customer with reference ${model.customerRef} in the handover package from ${model.transferorName} withdrew consent at ${model.withdrawnAt} (UTC) (request ${model.requestId}).`,
    'Under PIPL Art. 15, stop the processing based on consent and delete or stop processing their personal information as the law requires.',
  ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: REQUEST_WITHDRAWAL_WORDING_VERSION };
}
