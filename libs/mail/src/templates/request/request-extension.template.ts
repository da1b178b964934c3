import { escapeHtml, htmlDocument } from '../escape';
import { requestTypeWord, type RenderedRequestMail } from './request.wording';

export interface RequestExtensionModel {
  locale: 'zh-CN' | 'en';
  requestId: string;
  type: string;
  transferorName: string;
  reason: string;
  dueDate: string;
}

export const REQUEST_EXTENSION_WORDING_VERSION = { 'zh-CN': 'request-extension/zh-CN/2026.1', en: 'request-extension/en/2026.1' } as const;

/** To the customer: the answer needs more time; the reason and the new date (GDPR Art. 12(3)). */
export function renderRequestExtension(model: RequestExtensionModel): RenderedRequestMail {
  const zh = model.locale === 'zh-CN';
  const type = requestTypeWord(model.type, model.locale);
  const subject = zh ? `您的${type}请求答复期限延长（${model.requestId}）` : `More time is needed for your ${type} request (${model.requestId})`;
  const text = (zh
    ? `您好：\n\n${model.transferorName} 需要更多时间处理您的${type}请求（编号 ${model.requestId}），将于 ${model.dueDate} 前答复。理由：\n${model.reason}`
    : `Hello,\n\n${model.transferorName} needs more time for your ${type} request (reference ${model.requestId}) and will answer by ${model.dueDate}. The reason:\n${model.reason}`) + '\n';
  const html = htmlDocument(model.locale, subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: REQUEST_EXTENSION_WORDING_VERSION[model.locale] };
}
