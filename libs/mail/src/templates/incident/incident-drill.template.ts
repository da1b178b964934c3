import { escapeHtml, htmlDocument } from '../escape';
import type { RenderedIncidentMail } from './incident-notice.template';

export interface IncidentDrillSummaryModel {
  incidentId: string;
  /** Affected customers who would have been told. */
  eligible: number;
  withEmail: number;
  phoneOnly: number;
  unreachable: number;
  /** The notice customers would have received (zh-CN and en). */
  notice: { 'zh-CN': { subject: string; text: string }; en: { subject: string; text: string } };
}

export const INCIDENT_DRILL_WORDING_VERSION = 'incident-drill/2026.1';

/**
 * DRILL: the one message per internal address that replaces the customer notices (GB/T 35273
 * §10.1 drills; customers are never mailed). Counts and the notice text only.
 */
export function renderIncidentDrillSummary(model: IncidentDrillSummaryModel): RenderedIncidentMail {
  const subject = `【演练 DRILL】个人信息安全事件告知演练 / Incident notice drill ${model.incidentId}: ${model.eligible} 位客户 / customers`;
  const text = [
    `【演练】事件 ${model.incidentId}：本次为应急演练，未向任何客户发送邮件。`,
    `若为真实事件，将通知 ${model.eligible} 位受影响客户（邮件 ${model.withEmail} 位，仅电话/短信 ${model.phoneOnly} 位，无法联系需公告 ${model.unreachable} 位）。`,
    '',
    `[DRILL] Incident ${model.incidentId}: this is an emergency drill; no customer was mailed.`,
    `In a real incident ${model.eligible} affected customers would be told (email ${model.withEmail}, phone/SMS only ${model.phoneOnly}, public announcement ${model.unreachable}).`,
    '',
    '----- 客户将收到的通知 / The notice customers would receive (zh-CN) -----',
    model.notice['zh-CN'].subject,
    '',
    model.notice['zh-CN'].text.trim(),
    '',
    '----- (en) -----',
    model.notice.en.subject,
    '',
    model.notice.en.text.trim(),
  ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: INCIDENT_DRILL_WORDING_VERSION };
}
