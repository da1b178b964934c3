import type { AnswerDecision, AnswerRejectionCode, CustomerDecision } from '@handover/persistence';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** zh-CN unless the link asks for English (`?lang=en`). */
export const localeOf = (lang: unknown): Locale => (lang === 'en' ? 'en' : 'zh-CN');

/** Routes as the customer reads them; `other` for routes that ask nothing of the customer. */
export type RouteWording = 'separate-consent' | 'guardian-consent' | 'notice' | 'notice-of-change' | 'delete' | 'other';

export interface PageStrings {
  title: string;
  otherLanguage: string;
  transferor: string;
  recipient: string;
  recipientContact: string;
  noRecipient: string;
  route: string;
  routes: Record<RouteWording, string>;
  deadline: string;
  noDeadline: string;
  deadlinePassed: string;
  yourAnswer: string;
  decisions: Record<CustomerDecision | 'none', string>;
  actions: Record<AnswerDecision, string>;
  consentHint: string;
  noticeHint: string;
  refusedHint: string;
  confirmations: Record<CustomerDecision, string>;
  rejections: Record<AnswerRejectionCode, string>;
  errors: { notFound: string; forbidden: string; badRequest: string; tooMany: string; server: string };
  errorTitle: string;
  personalLink: string;
}

/** Every string the portal shows, in both languages (the unit spec checks none is missing). */
export const STRINGS: Record<Locale, PageStrings> = {
  'zh-CN': {
    title: '您的个人信息转移',
    otherLanguage: 'English',
    transferor: '转出方',
    recipient: '接收方',
    recipientContact: '接收方联系方式',
    noRecipient: '无（您的信息不会被转移）',
    route: '处理方式',
    routes: {
      'separate-consent': '需要您的单独同意：只有您同意，您的信息才会转移给接收方。',
      'guardian-consent': '需要监护人的单独同意（未满十四周岁）：只有监护人同意，信息才会转移给接收方。',
      notice: '告知：您的信息将转移给接收方；如您反对，请在截止时间前提出。',
      'notice-of-change': '变更告知：处理您信息的主体不变；如您反对，请在截止时间前提出。',
      delete: '删除：您的信息将被删除（法律规定须保存的除外）。',
      other: '无需您作出答复。',
    },
    deadline: '截止时间',
    noDeadline: '尚未确定',
    deadlinePassed: '答复期限已过。如需行使查阅、复制、更正、删除或投诉等权利，请联系转出方。',
    yourAnswer: '您的答复',
    decisions: { none: '尚未答复', consent: '已同意', refuse: '已拒绝', object: '已反对', withdrawn: '已撤回同意' },
    actions: { consent: '同意转移', refuse: '不同意', object: '我反对转移', withdraw: '撤回同意' },
    consentHint: '同意与否完全由您决定。未在截止时间前同意的，视为不同意。',
    noticeHint: '如您不反对，无需任何操作。',
    refusedHint: '您已拒绝，我们不会再向您征求同意。如您改变主意，仍可在截止时间前同意。',
    confirmations: {
      consent: '已记录您的同意。',
      refuse: '已记录您的拒绝。',
      object: '已记录您的反对。',
      withdrawn: '已记录您撤回同意。撤回不影响撤回前基于您的同意已进行的处理。',
    },
    rejections: {
      NO_ANSWER_EXPECTED: '此链接无需您作出答复。',
      WRONG_DECISION_FOR_ROUTE: '此项答复不适用于您的处理方式。',
      DEADLINE_PASSED: '答复期限已过，未能记录。',
      NOTHING_TO_WITHDRAW: '您尚未同意，无需撤回。',
      CONSENT_GIVEN: '您已同意；如不再同意，请撤回同意。',
    },
    errors: {
      notFound: '链接无效或已过期。',
      forbidden: '表单已失效，请重新打开您的专属链接后再试。',
      badRequest: '请求无效。',
      tooMany: '请求过于频繁，请稍后再试。',
      server: '系统暂时无法处理您的请求，请稍后再试。',
    },
    errorTitle: '无法完成',
    personalLink: '此链接仅供您本人使用，请勿转发。',
  },
  en: {
    title: 'The transfer of your personal information',
    otherLanguage: '中文',
    transferor: 'Transferor',
    recipient: 'Recipient',
    recipientContact: "Recipient's contact",
    noRecipient: 'None (your information will not be transferred)',
    route: 'What happens',
    routes: {
      'separate-consent': 'Your separate consent is needed: your information moves to the recipient only if you consent.',
      'guardian-consent': "A parent's or guardian's separate consent is needed (under 14): the information moves only if the guardian consents.",
      notice: 'Notice: your information will be transferred to the recipient; if you object, tell us before the deadline.',
      'notice-of-change': 'Notice of change: the organisation processing your information stays the same; if you object, tell us before the deadline.',
      delete: 'Deletion: your information will be deleted (except what the law requires to keep).',
      other: 'No answer is needed from you.',
    },
    deadline: 'Deadline',
    noDeadline: 'Not set yet',
    deadlinePassed: 'The deadline for answering has passed. To access, copy, correct or delete your information, or to complain, contact the transferor.',
    yourAnswer: 'Your answer',
    decisions: { none: 'No answer yet', consent: 'Consented', refuse: 'Refused', object: 'Objected', withdrawn: 'Consent withdrawn' },
    actions: { consent: 'I consent', refuse: 'I do not consent', object: 'I object', withdraw: 'Withdraw my consent' },
    consentHint: 'Whether to consent is entirely your choice. Without your consent by the deadline, there is no consent.',
    noticeHint: 'If you do not object, you need do nothing.',
    refusedHint: 'You refused; we will not ask again. If you change your mind, you can still consent before the deadline.',
    confirmations: {
      consent: 'Your consent has been recorded.',
      refuse: 'Your refusal has been recorded.',
      object: 'Your objection has been recorded.',
      withdrawn: 'The withdrawal of your consent has been recorded. It does not affect processing based on your consent before the withdrawal.',
    },
    rejections: {
      NO_ANSWER_EXPECTED: 'This link needs no answer from you.',
      WRONG_DECISION_FOR_ROUTE: 'This answer does not apply to your case.',
      DEADLINE_PASSED: 'The deadline for answering has passed; nothing was recorded.',
      NOTHING_TO_WITHDRAW: 'You have not consented, so there is nothing to withdraw.',
      CONSENT_GIVEN: 'You have consented; to change that, withdraw your consent.',
    },
    errors: {
      notFound: 'This link is invalid or has expired.',
      forbidden: 'This form has expired. Open your personal link again and retry.',
      badRequest: 'The request is not valid.',
      tooMany: 'Too many requests. Please try again later.',
      server: 'We cannot process your request right now. Please try again later.',
    },
    errorTitle: 'Something went wrong',
    personalLink: 'This link is for you only; please do not forward it.',
  },
};

export const routeWording = (route: string | null): RouteWording =>
  route === 'separate-consent' || route === 'guardian-consent' || route === 'notice' || route === 'notice-of-change' || route === 'delete'
    ? route
    : 'other';

/** A deadline in the customer's language, in the portal's time zone, with the zone named: 2026年4月1日 08:00（GMT+8）. */
export function formatDeadline(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const when = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  const zone =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return locale === 'zh-CN' ? `${when}（${zone}）` : `${when} (${zone})`;
}
