import { escapeHtml, htmlDocument } from '../escape';
import { formatDue } from '../third-party/third-party.wording';

export interface AcknowledgementEscalationModel {
  managerName: string;
  caseId: string;
  recipientName: string;
  /** ISO instant the acknowledgement was due. */
  dueAt: string;
}

export const ACKNOWLEDGEMENT_ESCALATION_WORDING_VERSION = 'acknowledgement-escalation/2026.1';

/**
 * To the case manager when the recipient has not acknowledged the package by the deadline (issue
 * 14): the case waits; the manager may confirm the handover by other means with a recorded reason.
 */
export function renderAcknowledgementEscalation(model: AcknowledgementEscalationModel): { subject: string; text: string; html: string; wordingVersion: string } {
  const subject = `【逾期】接收方未确认移交包（案件 ${model.caseId}）/ OVERDUE: the recipient has not acknowledged the package (${model.caseId})`;
  const text =
    [
      `${model.managerName}，您好：`,
      `案件 ${model.caseId} 的接收方 ${model.recipientName} 在截止时间 ${formatDue(model.dueAt, 'zh-CN')} 前未确认收到移交包，已发送过提醒。案件正在等待。`,
      '请联系接收方。如已通过其他方式确认交接，可以填写原因后人工确认（会记入审计记录）：',
      `  npx handover handover override ${model.caseId} --reason "…"`,
      `  POST /v1/cases/${model.caseId}/handover/override {"reason": "…"}`,
      '',
      `Dear ${model.managerName},`,
      `In case ${model.caseId} the recipient ${model.recipientName} had not acknowledged the handover package by ${formatDue(model.dueAt, 'en')}, despite the reminders. The case is waiting.`,
      'Please contact the recipient. If the handover was confirmed by other means, you may override with a reason (recorded on the audit trail):',
      `  npx handover handover override ${model.caseId} --reason "…"`,
      `  POST /v1/cases/${model.caseId}/handover/override {"reason": "…"}`,
    ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: ACKNOWLEDGEMENT_ESCALATION_WORDING_VERSION };
}
