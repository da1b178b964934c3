import type { ThirdPartyAnswerKind, ThirdPartyStatus } from '@handover/contracts';
import { THIRD_PARTY_ANSWER_KINDS } from '@handover/contracts';
import { escapeHtml } from '@handover/mail';
import { formatDeadline, type Locale } from './i18n';
import { layout } from './layout';
import { THIRD_PARTY_STRINGS, type ThirdPartyPageStrings } from './third-party.strings';

/** Everything the third-party page shows; built by the controller from the third party's view. */
export interface ThirdPartyPageModel {
  locale: Locale;
  token: string;
  csrf: string;
  timeZone: string;
  transferorName: string;
  thirdPartyName: string;
  categories: string[];
  dueAt: string | null;
  status: ThirdPartyStatus;
  answer?: { kind: ThirdPartyAnswerKind; at: string; late: boolean };
  /** Set after a recorded answer (the redirect's `recorded`, shown only when an answer is stored). */
  confirmation?: boolean;
  rejection?: keyof ThirdPartyPageStrings['rejections'];
  /** Fields at fault after a refused form (names only; the values are never echoed). */
  invalidFields?: string[];
}

const TEXT_FIELDS = ['confirmedBy', 'method', 'deletedAt', 'explanation', 'basis', 'retainedUntil'] as const;
const DATE_FIELDS: ReadonlySet<string> = new Set(['deletedAt', 'retainedUntil']);

export function renderThirdPartyPage(model: ThirdPartyPageModel): string {
  const t = THIRD_PARTY_STRINGS[model.locale];
  const e = escapeHtml;
  const query = model.locale === 'en' ? '?lang=en' : '';
  const parts: string[] = [];
  parts.push(`<nav><a href="${model.locale === 'en' ? '?' : '?lang=en'}" hreflang="${model.locale === 'en' ? 'zh-CN' : 'en'}">${e(t.otherLanguage)}</a></nav>`);
  parts.push(`<h1>${e(t.title)}</h1>`);
  if (model.confirmation && model.answer) parts.push(`<p class="note ok" role="status">${e(model.answer.late ? t.recordedLate : t.recorded)}</p>`);
  if (model.rejection) parts.push(`<p class="note err" role="alert">${e(t.rejections[model.rejection])}</p>`);
  if (model.invalidFields && model.invalidFields.length > 0) {
    const names = model.invalidFields.map((field) => (field in t.fields ? t.fields[field as keyof ThirdPartyPageStrings['fields']] : field === 'kind' ? t.kindLegend : field));
    parts.push(`<p class="note err" role="alert">${e(t.invalid)} ${e(names.join(', '))}</p>`);
  }
  parts.push(`<p>${e(t.intro)}</p>`);
  parts.push('<dl>');
  parts.push(`<dt>${e(t.transferor)}</dt><dd>${e(model.transferorName)}</dd>`);
  parts.push(`<dt>${e(t.thirdParty)}</dt><dd>${e(model.thirdPartyName)}</dd>`);
  parts.push(`<dt>${e(t.categories)}</dt><dd>${e(model.categories.join(model.locale === 'en' ? ', ' : '、'))}</dd>`);
  parts.push(`<dt>${e(t.dueAt)}</dt><dd>${e(model.dueAt ? formatDeadline(model.dueAt, model.locale, model.timeZone) : t.noDueAt)}</dd>`);
  parts.push(`<dt>${e(t.status)}</dt><dd id="status">${e(t.statuses[model.status])}</dd>`);
  if (model.answer) {
    parts.push(`<dt>${e(t.yourAnswer)}</dt><dd id="answer">${e(t.kinds[model.answer.kind])} · ${e(formatDeadline(model.answer.at, model.locale, model.timeZone))}</dd>`);
  }
  parts.push('</dl>');

  if (!model.answer && model.status !== 'pending') {
    const form: string[] = [];
    form.push(`<form method="post" action="/t/${e(model.token)}${query}">`);
    form.push(`<input type="hidden" name="csrf" value="${e(model.csrf)}">`);
    form.push(`<input type="hidden" name="lang" value="${e(model.locale)}">`);
    form.push(`<fieldset><legend>${e(t.kindLegend)}</legend>`);
    // Nothing pre-selected: the third party states what it did.
    for (const kind of THIRD_PARTY_ANSWER_KINDS) {
      form.push(`<p><label><input type="radio" name="kind" value="${e(kind)}" required> ${e(t.kinds[kind])}</label></p>`);
    }
    form.push('</fieldset>');
    for (const field of TEXT_FIELDS) {
      const type = DATE_FIELDS.has(field) ? 'date' : 'text';
      const required = field === 'confirmedBy' ? ' required' : '';
      form.push(`<p><label>${e(t.fields[field])}<br><input type="${type}" name="${field}" maxlength="${field === 'explanation' ? 2000 : 500}"${required}></label></p>`);
    }
    form.push(`<p class="muted">${e(t.fieldHint)}</p>`);
    form.push(`<button type="submit">${e(t.submit)}</button></form>`);
    parts.push(form.join(''));
  }
  parts.push(`<p class="muted">${e(t.personalLink)}</p>`);
  return layout(model.locale, t.title, parts.join(''));
}
