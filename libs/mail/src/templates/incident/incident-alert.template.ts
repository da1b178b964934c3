import { escapeHtml, htmlDocument } from '../escape';
import type { RenderedIncidentMail } from './incident-notice.template';

export interface IncidentAlertModel {
  kind: 'reminder' | 'escalation';
  incidentId: string;
  drill: boolean;
  task: { id: string; title: { 'zh-CN': string; en: string }; deadline?: string; article: string };
  dueAt: string;
  tier: string;
  affected: number;
  /** Greeting name of a case manager; absent for internal addresses. */
  recipientName?: string;
}

export const INCIDENT_ALERT_WORDING_VERSION = 'incident-alert/2026.1';

/** Reminder before a clock runs out (to the owners) and escalation when it was missed (to the manager). */
export function renderIncidentAlert(model: IncidentAlertModel): RenderedIncidentMail {
  const drillZh = model.drill ? '【演练】' : '';
  const drillEn = model.drill ? '[DRILL] ' : '';
  const missed = model.kind === 'escalation';
  const subject = missed
    ? `${drillZh}【逾期】事件 ${model.incidentId}：${model.task.title['zh-CN']} / ${drillEn}MISSED: ${model.task.title.en} (${model.incidentId})`
    : `${drillZh}【提醒】事件 ${model.incidentId}：${model.task.title['zh-CN']} 即将到期 / ${drillEn}Due soon: ${model.task.title.en} (${model.incidentId})`;
  const greetingZh = model.recipientName ? `${model.recipientName}，您好：` : '您好：';
  const greetingEn = model.recipientName ? `Dear ${model.recipientName},` : 'Hello,';
  const text = [
    greetingZh,
    missed
      ? `事件 ${model.incidentId} 的任务“${model.task.title['zh-CN']}”已于 ${model.dueAt}（UTC）到期仍未完成，现升级通知您。`
      : `事件 ${model.incidentId} 的任务“${model.task.title['zh-CN']}”将于 ${model.dueAt}（UTC）到期，请尽快完成。`,
    `依据：${model.task.article}。分级：${model.tier}；受影响人数：${model.affected}。`,
    '',
    greetingEn,
    missed
      ? `Task "${model.task.title.en}" of incident ${model.incidentId} was due at ${model.dueAt} (UTC) and is not done: this is an escalation.`
      : `Task "${model.task.title.en}" of incident ${model.incidentId} is due at ${model.dueAt} (UTC). Please complete it.`,
    `Basis: ${model.task.article}. Tier: ${model.tier}; people affected: ${model.affected}.`,
    `Task id: ${model.task.id}${model.task.deadline ? `; deadline: ${model.task.deadline}` : ''}`,
  ].join('\n') + '\n';
  const html = htmlDocument('zh-CN', subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: INCIDENT_ALERT_WORDING_VERSION };
}
