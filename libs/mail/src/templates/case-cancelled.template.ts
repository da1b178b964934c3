import { escapeHtml, htmlDocument } from './escape';

export interface CaseCancelledNoticeModel {
  /** The customer's name as the inventory gives it (absent: a neutral salutation). */
  customerName?: string;
  transferorName: string;
  recipientName?: string;
  caseId: string;
}

export const CASE_CANCELLED_WORDING_VERSION = 'case-cancelled/2026.1';

/**
 * To a customer who was notified of a transfer that has since been cancelled (issue 14): the
 * transfer will not happen, the copy kept for it is deleted, the earlier link no longer works.
 */
export function renderCaseCancelledNotice(model: CaseCancelledNoticeModel): { subject: string; text: string; html: string; wordingVersion: string } {
  const subject = `【取消】个人信息转移已取消 / CANCELLED: the transfer of your personal information will not take place`;
  const to = model.recipientName ? `给${model.recipientName}` : '';
  const toEn = model.recipientName ? ` to ${model.recipientName}` : '';
  const text =
    [
      `${model.customerName ? `${model.customerName}，` : ''}您好：`,
      `${model.transferorName}此前通知您，将把您的个人信息转移${to}（案件 ${model.caseId}）。该转移已经取消：您的个人信息不会被转移。`,
      '为此次转移保存的您的个人信息副本已被删除，此前邮件中的链接已失效，您无需再做任何操作。',
      '',
      `Dear ${model.customerName ?? 'customer'},`,
      `${model.transferorName} told you earlier that your personal information would be transferred${toEn} (case ${model.caseId}). That transfer has been cancelled: your personal information will not be transferred.`,
      'The copy of your information kept for the transfer has been deleted, and the link in the earlier message no longer works. You need not do anything.',
    ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: CASE_CANCELLED_WORDING_VERSION };
}
