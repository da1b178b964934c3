import type { ThirdPartyAnswerKind, ThirdPartyStatus } from '@handover/contracts';
import type { Locale } from './i18n';

export interface ThirdPartyPageStrings {
  title: string;
  otherLanguage: string;
  intro: string;
  transferor: string;
  thirdParty: string;
  categories: string;
  dueAt: string;
  noDueAt: string;
  status: string;
  statuses: Record<ThirdPartyStatus, string>;
  kindLegend: string;
  kinds: Record<ThirdPartyAnswerKind, string>;
  fields: { confirmedBy: string; method: string; deletedAt: string; explanation: string; basis: string; retainedUntil: string };
  fieldHint: string;
  submit: string;
  recorded: string;
  recordedLate: string;
  yourAnswer: string;
  rejections: { ALREADY_ANSWERED: string; NOT_REQUESTED: string };
  invalid: string;
  personalLink: string;
}

/** The third-party page's strings in both languages (the unit spec checks none is missing). */
export const THIRD_PARTY_STRINGS: Record<Locale, ThirdPartyPageStrings> = {
  'zh-CN': {
    title: '个人信息删除确认',
    otherLanguage: 'English',
    intro: '因业务转移，请删除（或返还）贵方从转出方获得的个人信息且不予保留，并在此确认（《个人信息保护法》第二十一条）。',
    transferor: '转出方',
    thirdParty: '贵方',
    categories: '涉及的个人信息类别',
    dueAt: '确认截止时间',
    noDueAt: '尚未确定',
    status: '状态',
    statuses: { pending: '待发送请求', requested: '待确认', overdue: '已逾期，仍可确认', confirmed: '已确认', exception: '例外情况' },
    kindLegend: '确认内容',
    kinds: { deleted: '已删除', 'not-held': '未持有该等信息', exception: '例外情况（请说明）', 'legal-hold': '因法定保存义务暂时保留（仅存储，注明依据和截止日期）' },
    fields: {
      confirmedBy: '确认人（姓名及职务）',
      method: '删除方式',
      deletedAt: '删除日期',
      explanation: '例外说明',
      basis: '保存依据（法律法规条款）',
      retainedUntil: '保存截止日期',
    },
    fieldHint: '删除方式和删除日期适用于“已删除”；说明适用于“例外情况”；依据和截止日期适用于“法定保存”。',
    submit: '提交确认',
    recorded: '已记录贵方的确认，谢谢。',
    recordedLate: '已记录贵方的确认（晚于截止时间，记录为逾期确认）。',
    yourAnswer: '已记录的确认',
    rejections: { ALREADY_ANSWERED: '已有确认记录，不能更改。如需更正，请联系转出方。', NOT_REQUESTED: '尚未向贵方发送删除请求。' },
    invalid: '请检查以下栏目：',
    personalLink: '此链接仅供贵方使用，请勿转发。',
  },
  en: {
    title: 'Confirmation of deletion of personal information',
    otherLanguage: '中文',
    intro: 'Because the business changes hands, please delete (or return) the personal information you received from the transferor, keep no copy, and confirm here (PIPL Art. 21, GDPR Art. 28(3)).',
    transferor: 'Transferor',
    thirdParty: 'You',
    categories: 'Categories of personal information',
    dueAt: 'Confirm by',
    noDueAt: 'Not set yet',
    status: 'Status',
    statuses: { pending: 'Request not sent yet', requested: 'Awaiting your confirmation', overdue: 'Overdue; you can still confirm', confirmed: 'Confirmed', exception: 'Exception' },
    kindLegend: 'Your confirmation',
    kinds: {
      deleted: 'Deleted',
      'not-held': 'We do not hold this information',
      exception: 'Exception (please explain)',
      'legal-hold': 'Retained under a statutory retention duty (storage only; give the basis and end date)',
    },
    fields: {
      confirmedBy: 'Confirmed by (name and position)',
      method: 'How it was deleted',
      deletedAt: 'Date of deletion',
      explanation: 'Explanation of the exception',
      basis: 'Statutory basis',
      retainedUntil: 'Retained until',
    },
    fieldHint: 'Method and date apply to "Deleted"; the explanation to "Exception"; basis and end date to the retention duty.',
    submit: 'Submit confirmation',
    recorded: 'Your confirmation has been recorded. Thank you.',
    recordedLate: 'Your confirmation has been recorded (after the due time: recorded as late).',
    yourAnswer: 'Recorded confirmation',
    rejections: { ALREADY_ANSWERED: 'A confirmation is already recorded and cannot be changed. To correct it, contact the transferor.', NOT_REQUESTED: 'No deletion request has been sent to you yet.' },
    invalid: 'Please check these fields:',
    personalLink: 'This link is for you only; please do not forward it.',
  },
};
