import Handlebars from 'handlebars';
import { escapeHtml, htmlDocument } from '../escape';
import { categoryWording, DEFAULT_CAUSE, DEFAULT_MEASURES, INCIDENT_NOTICE_TEMPLATES, INCIDENT_NOTICE_WORDING_VERSION, type IncidentLocale } from './incident.wording';

/**
 * What the individual notice says (PIPL Art. 57): (1) categories, cause, possible harm; (2) measures
 * taken and what individuals can do; (3) contact. Incident-level facts only, no personal data: the
 * same text goes to every recipient of a locale, so the stored draft is exactly what was sent.
 */
export interface IncidentNoticeModel {
  incidentId: string;
  /** The processor's name (the case's transferor), when known. */
  organisation?: string;
  /** Incident category codes (vocabulary of the incident playbooks). */
  categories: readonly string[];
  cause?: string;
  /** Measures taken, as the responder wrote them; product defaults when absent. */
  measures?: readonly string[];
  contact: string;
  /** ISO instant of awareness; shown as a date (UTC+8 for zh-CN, UTC for en). */
  detectedAt: string;
}

export interface RenderedIncidentMail {
  subject: string;
  text: string;
  html: string;
  wordingVersion: string;
}

const compiled = Object.fromEntries(
  Object.entries(INCIDENT_NOTICE_TEMPLATES).map(([locale, t]) => [
    locale,
    // Plain text: no HTML escaping here; the HTML part escapes the finished text.
    { subject: Handlebars.compile(t.subject, { noEscape: true, strict: false }), body: Handlebars.compile(t.body, { noEscape: true, strict: false }) },
  ]),
) as Record<IncidentLocale, { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate }>;

function dateIn(locale: IncidentLocale, iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (locale === 'zh-CN') {
    const d = new Date(ms + 8 * 3_600_000);
    return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  }
  return `${new Date(ms).toISOString().slice(0, 10)} (UTC)`;
}

export function renderIncidentNotice(model: IncidentNoticeModel, locale: IncidentLocale): RenderedIncidentMail {
  const words = [...new Set(model.categories)].map(categoryWording);
  const context = {
    incidentId: model.incidentId,
    organisation: model.organisation,
    detectedDate: dateIn(locale, model.detectedAt),
    categories: words.map((w) => w.label[locale]).join(locale === 'zh-CN' ? '、' : ', '),
    cause: model.cause?.trim() || DEFAULT_CAUSE[locale],
    harms: [...new Set(words.map((w) => w.harm[locale]))],
    measures: model.measures && model.measures.length > 0 ? model.measures : DEFAULT_MEASURES[locale],
    advice: [...new Set(words.map((w) => w.advice[locale]))],
    contact: model.contact,
  };
  const template = compiled[locale];
  const subject = template.subject(context).replace(/\s+/g, ' ').trim();
  const text = template.body(context).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const html = htmlDocument(locale, subject, `<div style="white-space:pre-wrap">${escapeHtml(text)}</div>`);
  return { subject, text, html, wordingVersion: INCIDENT_NOTICE_WORDING_VERSION[locale] };
}

/** The stored draft as a mail: what is sent is exactly what the draft shows. */
export function incidentNoticeFromDraft(locale: IncidentLocale, draft: { subject: string; text: string }): { subject: string; text: string; html: string } {
  return { subject: draft.subject, text: draft.text, html: htmlDocument(locale, draft.subject, `<div style="white-space:pre-wrap">${escapeHtml(draft.text)}</div>`) };
}
