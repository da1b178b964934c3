import { escapeHtml } from '@handover/mail';
import type { AnswerDecision, AnswerRejectionCode, CustomerDecision } from '@handover/persistence';
import { formatDeadline, routeWording, STRINGS, type Locale } from './i18n';
import { layout } from './layout';
import { renderRequestForm } from '../requests/request-form';

/** Everything the customer page shows; built by the controller from the customer's view. */
export interface CustomerPageModel {
  locale: Locale;
  /** The link token: the forms post back to the same link. */
  token: string;
  csrf: string;
  timeZone: string;
  transferorName: string;
  recipient: { name: string; contact: string } | null;
  route: string | null;
  deadline: string | null;
  deadlinePassed: boolean;
  decision?: CustomerDecision;
  /** The answers the rules allow now (the page offers nothing else). */
  offered: AnswerDecision[];
  /** Set after a recorded answer (the redirect's `recorded`, matching the stored decision). */
  confirmation?: CustomerDecision;
  /** Set when the answer just posted was refused. */
  rejection?: AnswerRejectionCode;
}

export function renderCustomerPage(model: CustomerPageModel): string {
  const t = STRINGS[model.locale];
  const e = escapeHtml;
  const query = model.locale === 'en' ? '?lang=en' : '';
  const consentRoute = model.route === 'separate-consent' || model.route === 'guardian-consent';
  const noticeRoute = model.route === 'notice' || model.route === 'notice-of-change';

  const parts: string[] = [];
  parts.push(`<nav><a href="${model.locale === 'en' ? '?' : '?lang=en'}" hreflang="${model.locale === 'en' ? 'zh-CN' : 'en'}">${e(t.otherLanguage)}</a></nav>`);
  parts.push(`<h1>${e(t.title)}</h1>`);
  if (model.confirmation) parts.push(`<p class="note ok" role="status">${e(t.confirmations[model.confirmation])}</p>`);
  if (model.rejection) parts.push(`<p class="note err" role="alert">${e(t.rejections[model.rejection])}</p>`);

  parts.push('<dl>');
  parts.push(`<dt>${e(t.transferor)}</dt><dd>${e(model.transferorName)}</dd>`);
  if (model.recipient) {
    parts.push(`<dt>${e(t.recipient)}</dt><dd>${e(model.recipient.name)}</dd>`);
    parts.push(`<dt>${e(t.recipientContact)}</dt><dd>${e(model.recipient.contact)}</dd>`);
  } else {
    parts.push(`<dt>${e(t.recipient)}</dt><dd>${e(t.noRecipient)}</dd>`);
  }
  parts.push(`<dt>${e(t.route)}</dt><dd>${e(t.routes[routeWording(model.route)])}</dd>`);
  if (consentRoute || noticeRoute) {
    const deadline = model.deadline ? formatDeadline(model.deadline, model.locale, model.timeZone) : t.noDeadline;
    parts.push(`<dt>${e(t.deadline)}</dt><dd>${e(deadline)}</dd>`);
    parts.push(`<dt>${e(t.yourAnswer)}</dt><dd id="decision">${e(t.decisions[model.decision ?? 'none'])}</dd>`);
  }
  parts.push('</dl>');

  if (model.deadlinePassed && (consentRoute || noticeRoute)) {
    parts.push(`<p class="muted">${e(t.deadlinePassed)}</p>`);
  } else if (model.offered.length > 0) {
    if (model.decision === 'refuse') parts.push(`<p class="muted">${e(t.refusedHint)}</p>`);
    else if (consentRoute && model.decision !== 'consent') parts.push(`<p class="muted">${e(t.consentHint)}</p>`);
    else if (noticeRoute) parts.push(`<p class="muted">${e(t.noticeHint)}</p>`);
    // One form and one look per answer: never bundled, never pre-selected, consent not nudged over refusal.
    for (const decision of model.offered) {
      parts.push(
        `<form method="post" action="/c/${e(model.token)}${query}">` +
          `<input type="hidden" name="csrf" value="${e(model.csrf)}">` +
          `<input type="hidden" name="lang" value="${e(model.locale)}">` +
          `<button type="submit" name="decision" value="${e(decision)}">${e(t.actions[decision])}</button>` +
          '</form>',
      );
    }
  }
  // After the deadline the page keeps its wording (contact the transferor); the JSON request API stays open.
  if (!model.deadlinePassed) parts.push(renderRequestForm({ locale: model.locale, token: model.token, csrf: model.csrf }));
  parts.push(`<p class="muted">${e(t.personalLink)}</p>`);
  return layout(model.locale, t.title, parts.join(''));
}
