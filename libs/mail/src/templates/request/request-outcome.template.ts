import { escapeHtml, htmlDocument } from '../escape';
import { requestTypeWord, type RenderedRequestMail } from './request.wording';

export interface RequestOutcomeModel {
  locale: 'zh-CN' | 'en';
  requestId: string;
  type: string;
  outcome: 'done' | 'refused';
  transferorName: string;
  /** Refusal: the reasons (Art. 50). */
  reasons?: string;
  /** Refusal: the routes of complaint, in the customer's language. */
  complaintRoutes?: string[];
  /** Access/copy done: the short-lived signed link to the customer's data as JSON. */
  downloadUrl?: string;
  downloadExpiresAt?: string;
}

export const REQUEST_OUTCOME_WORDING_VERSION = { 'zh-CN': 'request-outcome/zh-CN/2026.1', en: 'request-outcome/en/2026.1' } as const;

/** To the customer: the answer to their request. A refusal states its reasons and the routes of complaint (PIPL Art. 50). */
export function renderRequestOutcome(model: RequestOutcomeModel): RenderedRequestMail {
  const zh = model.locale === 'zh-CN';
  const type = requestTypeWord(model.type, model.locale);
  const lines: string[] = [];
  let subject: string;
  if (model.outcome === 'done') {
    subject = zh ? `您的${type}请求已处理（${model.requestId}）` : `Your ${type} request has been handled (${model.requestId})`;
    lines.push(zh ? `您好：\n\n${model.transferorName} 已处理您的${type}请求（编号 ${model.requestId}）。` : `Hello,\n\n${model.transferorName} has handled your ${type} request (reference ${model.requestId}).`);
    if (model.downloadUrl) {
      lines.push(
        zh
          ? `您的个人信息副本（JSON 文件）可通过以下链接下载，链接于 ${model.downloadExpiresAt ?? ''}（UTC）失效，仅限本人使用：\n${model.downloadUrl}`
          : `A copy of your personal information (a JSON file) can be downloaded from this link until ${model.downloadExpiresAt ?? ''} (UTC); it is for you alone:\n${model.downloadUrl}`,
      );
    }
  } else {
    subject = zh ? `关于您的${type}请求的答复（${model.requestId}）` : `Answer to your ${type} request (${model.requestId})`;
    lines.push(
      zh
        ? `您好：\n\n${model.transferorName} 拒绝了您的${type}请求（编号 ${model.requestId}）。理由如下：\n${model.reasons ?? ''}`
        : `Hello,\n\n${model.transferorName} has refused your ${type} request (reference ${model.requestId}). The reasons:\n${model.reasons ?? ''}`,
    );
    const routes = (model.complaintRoutes ?? []).map((r) => `- ${r}`).join('\n');
    lines.push(zh ? `如您不同意，可以通过以下途径投诉或寻求救济（《个人信息保护法》第五十条）：\n${routes}` : `If you disagree, you may turn to (PIPL Art. 50):\n${routes}`);
  }
  const text = lines.join('\n\n') + '\n';
  const html = htmlDocument(model.locale, subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: REQUEST_OUTCOME_WORDING_VERSION[model.locale] };
}
