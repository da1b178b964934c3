import Handlebars from 'handlebars';
import { escapeHtml, htmlDocument } from '../escape';
import type { NoticeModel, RenderedMail } from './notice.model';
import { KIND_ZH, NOTICE_TEMPLATES, NOTICE_WORDING_VERSION } from './notice.wording';

const compiled = Object.fromEntries(
  Object.entries(NOTICE_TEMPLATES).map(([locale, t]) => [
    locale,
    // The text part is plain text: no HTML escaping there; the HTML part escapes the finished text.
    { subject: Handlebars.compile(t.subject, { noEscape: true, strict: false }), body: Handlebars.compile(t.body, { noEscape: true, strict: false }) },
  ]),
) as Record<NoticeModel['locale'], { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>;

/** Renders one customer's notice (with the consent request when the route needs it) as text and HTML. */
export function renderNotice(model: NoticeModel): RenderedMail {
  const context = {
    ...model,
    consent: model.route === 'separate-consent' || model.route === 'guardian-consent',
    guardian: model.route === 'guardian-consent',
    deleteRoute: model.route === 'delete',
    changeRoute: model.route === 'notice-of-change',
    crossBorder: model.additions.includes('art39-foreign-rights') || model.additions.includes('gdpr-art13-14-third-country-transfer'),
    kindZh: KIND_ZH[model.caseKind] ?? model.caseKind,
    categoriesText: model.categories.join(model.locale === 'zh-CN' ? '、' : ', '),
    sensitiveText: model.sensitive.join(model.locale === 'zh-CN' ? '、' : ', '),
  };
  const template = compiled[model.locale];
  const subject = template.subject(context).replace(/\s+/g, ' ').trim();
  const text = template.body(context).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const linked = escapeHtml(text).replace(escapeHtml(model.link), `<a href="${escapeHtml(model.link)}">${escapeHtml(model.link)}</a>`);
  const html = htmlDocument(model.locale, subject, `<div style="white-space:pre-wrap">${linked}</div>`);
  return { subject, text, html, wordingVersion: NOTICE_WORDING_VERSION[model.locale] };
}
