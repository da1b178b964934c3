import { escapeHtml } from '@handover/mail';
import { REQUEST_TYPES, type RequestType } from '@handover/domain';
import type { Locale } from '../pages/i18n';

const WORDS: Record<Locale, { heading: string; intro: string; type: string; message: string; submit: string; types: Record<RequestType, string> }> = {
  'zh-CN': {
    heading: '行使您的个人信息权利',
    intro: '您可以查阅、复制、更正、删除您的个人信息，撤回同意、拒绝转移、要求解释说明或投诉（《个人信息保护法》第四十四条至第五十条）。我们将在法定期限内答复。',
    type: '请求类型',
    message: '说明（选填）',
    submit: '提交请求',
    types: { access: '查阅', copy: '复制（获取副本）', correct: '更正、补充', delete: '删除', withdraw: '撤回同意', object: '拒绝转移', explanation: '解释说明', complaint: '投诉' },
  },
  en: {
    heading: 'Exercise your rights over your personal information',
    intro: 'You may access, copy, correct or delete your personal information, withdraw consent, object, ask for an explanation or complain (PIPL Art. 44–50). We answer within the legal time limit.',
    type: 'Request',
    message: 'Details (optional)',
    submit: 'Send request',
    types: { access: 'Access', copy: 'Copy', correct: 'Correction', delete: 'Deletion', withdraw: 'Withdraw consent', object: 'Object to the transfer', explanation: 'Explanation', complaint: 'Complaint' },
  },
};

/** The request form of the customer page: posts to `/c/{token}/requests` with the CSRF field. */
export function renderRequestForm(model: { locale: Locale; token: string; csrf: string }): string {
  const t = WORDS[model.locale];
  const e = escapeHtml;
  const query = model.locale === 'en' ? '?lang=en' : '';
  const options = REQUEST_TYPES.map((type) => `<option value="${e(type)}">${e(t.types[type])}</option>`).join('');
  return (
    `<section id="requests"><h2>${e(t.heading)}</h2><p class="muted">${e(t.intro)}</p>` +
    `<form method="post" action="/c/${e(model.token)}/requests${query}">` +
    `<input type="hidden" name="csrf" value="${e(model.csrf)}">` +
    `<input type="hidden" name="lang" value="${e(model.locale)}">` +
    `<label>${e(t.type)} <select name="type" required>${options}</select></label>` +
    `<label>${e(t.message)} <textarea name="message" maxlength="5000" rows="4"></textarea></label>` +
    `<button type="submit">${e(t.submit)}</button></form></section>`
  );
}
