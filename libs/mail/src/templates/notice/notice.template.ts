import Handlebars from 'handlebars';
import { escapeHtml, htmlDocument } from '../escape';
import type { NoticeModel, RenderedMail } from './notice.model';
import { EU_NOTICE_TEMPLATES, EU_NOTICE_WORDING_VERSION, KIND_ZH, NOTICE_TEMPLATES, NOTICE_WORDING_VERSION } from './notice.wording';

type Compiled = Record<NoticeModel['locale'], { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>;

// The text part is plain text: no HTML escaping there; the HTML part escapes the finished text.
const compile = (templates: typeof NOTICE_TEMPLATES | typeof EU_NOTICE_TEMPLATES): Compiled =>
  Object.fromEntries(
    Object.entries(templates).map(([locale, t]) => [
      locale,
      { subject: Handlebars.compile(t.subject, { noEscape: true, strict: false }), body: Handlebars.compile(t.body, { noEscape: true, strict: false }) },
    ]),
  ) as Compiled;

const compiled = { 'CN-PIPL': compile(NOTICE_TEMPLATES), 'EU-GDPR': compile(EU_NOTICE_TEMPLATES) } as const;
const versions = { 'CN-PIPL': NOTICE_WORDING_VERSION, 'EU-GDPR': EU_NOTICE_WORDING_VERSION } as const;

/** Renders one customer's notice (with the consent request when the route needs it) as text and HTML, in the case's jurisdiction's wording. */
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
  const jurisdiction = model.jurisdiction ?? 'CN-PIPL';
  const template = compiled[jurisdiction][model.locale];
  const subject = template.subject(context).replace(/\s+/g, ' ').trim();
  const text = template.body(context).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const linked = escapeHtml(text).replace(escapeHtml(model.link), `<a href="${escapeHtml(model.link)}">${escapeHtml(model.link)}</a>`);
  const html = htmlDocument(model.locale, subject, `<div style="white-space:pre-wrap">${linked}</div>`);
  return { subject, text, html, wordingVersion: versions[jurisdiction][model.locale] };
}
