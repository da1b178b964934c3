import { escapeHtml } from '@handover/mail';
import { formatDeadline, type Locale } from './i18n';
import { layout } from './layout';

/** Everything the recipient's page shows (company names, package facts; nothing about customers). */
export interface RecipientPageModel {
  locale: Locale;
  token: string;
  csrf: string;
  timeZone: string;
  transferorName: string;
  recipientName: string;
  packageId: string;
  records: number;
  createdAt: string;
  acknowledgedAt?: string;
}

interface RecipientStrings {
  title: string;
  otherLanguage: string;
  transferor: string;
  recipient: string;
  packageId: string;
  records: string;
  createdAt: string;
  obligationsTitle: string;
  obligations: string[];
  acknowledgedByLabel: string;
  action: string;
  acknowledged: (when: string) => string;
  personalLink: string;
}

/** Both languages of the recipient page (the unit spec checks each is complete). */
export const RECIPIENT_STRINGS: Record<Locale, RecipientStrings> = {
  'zh-CN': {
    title: '个人信息移交包接收确认',
    otherLanguage: 'English',
    transferor: '转出方',
    recipient: '接收方',
    packageId: '移交包编号',
    records: '客户记录数',
    createdAt: '生成时间',
    obligationsTitle: '接收方的持续义务（《个人信息保护法》第二十二条）',
    obligations: [
      '按照原有的处理目的和处理方式继续处理这些个人信息。',
      '变更原先的处理目的或处理方式的，应当依法重新取得个人的同意。',
      '继续履行个人信息处理者的义务，保障个人查阅、复制、更正、删除等权利。',
    ],
    acknowledgedByLabel: '确认人（姓名及职务）',
    action: '确认已收到移交包并知悉上述义务',
    acknowledged: (when) => `已于 ${when} 确认收到。`,
    personalLink: '此链接仅供接收方使用，请勿转发。',
  },
  en: {
    title: 'Acknowledge receipt of the handover package',
    otherLanguage: '中文',
    transferor: 'Transferor',
    recipient: 'Recipient',
    packageId: 'Package',
    records: 'Customer records',
    createdAt: 'Created',
    obligationsTitle: "The recipient's continuing obligations (PIPL Article 22)",
    obligations: [
      'Process the personal information for the same purposes and by the same methods as before.',
      "Obtain the individuals' consent again before changing the purposes or methods of processing.",
      "Continue the obligations of a personal information handler, including the individuals' rights to access, copy, correct and delete.",
    ],
    acknowledgedByLabel: 'Acknowledged by (name and title)',
    action: 'I acknowledge receipt of the package and these obligations',
    acknowledged: (when) => `Receipt acknowledged on ${when}.`,
    personalLink: 'This link is for the recipient only; please do not forward it.',
  },
};

export function renderRecipientPage(model: RecipientPageModel): string {
  const t = RECIPIENT_STRINGS[model.locale];
  const e = escapeHtml;
  const query = model.locale === 'en' ? '?lang=en' : '';
  const parts: string[] = [];
  parts.push(`<nav><a href="${model.locale === 'en' ? '?' : '?lang=en'}" hreflang="${model.locale === 'en' ? 'zh-CN' : 'en'}">${e(t.otherLanguage)}</a></nav>`);
  parts.push(`<h1>${e(t.title)}</h1>`);
  if (model.acknowledgedAt) {
    parts.push(`<p class="note ok" role="status" id="acknowledged">${e(t.acknowledged(formatDeadline(model.acknowledgedAt, model.locale, model.timeZone)))}</p>`);
  }
  parts.push('<dl>');
  parts.push(`<dt>${e(t.transferor)}</dt><dd>${e(model.transferorName)}</dd>`);
  parts.push(`<dt>${e(t.recipient)}</dt><dd>${e(model.recipientName)}</dd>`);
  parts.push(`<dt>${e(t.packageId)}</dt><dd>${e(model.packageId)}</dd>`);
  parts.push(`<dt>${e(t.records)}</dt><dd>${e(String(model.records))}</dd>`);
  parts.push(`<dt>${e(t.createdAt)}</dt><dd>${e(formatDeadline(model.createdAt, model.locale, model.timeZone))}</dd>`);
  parts.push('</dl>');
  parts.push(`<h2>${e(t.obligationsTitle)}</h2><ol>${t.obligations.map((line) => `<li>${e(line)}</li>`).join('')}</ol>`);
  if (!model.acknowledgedAt) {
    parts.push(
      `<form method="post" action="/r/${e(model.token)}${query}">` +
        `<input type="hidden" name="csrf" value="${e(model.csrf)}">` +
        `<input type="hidden" name="lang" value="${e(model.locale)}">` +
        `<label>${e(t.acknowledgedByLabel)} <input type="text" name="acknowledgedBy" required maxlength="200" autocomplete="name"></label>` +
        `<button type="submit">${e(t.action)}</button>` +
        '</form>',
    );
  }
  parts.push(`<p class="muted">${e(t.personalLink)}</p>`);
  return layout(model.locale, t.title, parts.join(''));
}
