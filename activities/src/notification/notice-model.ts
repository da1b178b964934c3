/**
 * Builds one customer's NoticeModel (docs/legal.md §2) from the case, the customer's classification and
 * their decrypted personal data. Pure; runs inside the mailing activity only, and its result is
 * never logged, heartbeated or returned.
 */
import type { CaseDeadlines } from '@handover/contracts';
import type { NoticeLocale, NoticeModel } from '@handover/mail';
import type { CustomerPersonalData } from '@handover/persistence';
import { isConsentRequestRoute } from '@handover/domain';

export interface NoticeCase {
  kind: string;
  /** The rule pack of the case (selects the notice's wording); absent means CN-PIPL. */
  jurisdiction?: 'CN-PIPL' | 'EU-GDPR';
  transferor: { name: string; contact: string };
  recipient?: { name: string; contact: string; country: string };
  /** The recipient's declared change of purpose or method (Art. 22), as the case manager wrote it. */
  purposeChange?: string;
  /** The case policy (read for an optional `retention` text). */
  policy: object;
}

export interface NoticeCustomer {
  route: string;
  sensitive: readonly string[];
  noticeAdditions?: readonly string[] | null;
  locale?: string | null;
}

type Labels = Record<NoticeLocale, string>;

/** Data categories, in the order the notice lists them, with the personal fields that reveal them. */
const CATEGORIES: ReadonlyArray<{ present: (p: CustomerPersonalData) => boolean; label: Labels }> = [
  { present: (p) => filled(p.name), label: { 'zh-CN': '姓名或名称', en: 'name' } },
  { present: (p) => filled(p.email), label: { 'zh-CN': '电子邮箱', en: 'email address' } },
  { present: (p) => filled(p.phone), label: { 'zh-CN': '电话号码', en: 'phone number' } },
  { present: (p) => filled(p.idNumber), label: { 'zh-CN': '身份证件号码', en: 'identity card number' } },
  { present: (p) => filled(p.birthDate), label: { 'zh-CN': '出生日期', en: 'date of birth' } },
  { present: (p) => filled(p.address), label: { 'zh-CN': '地址', en: 'address' } },
  { present: (p) => filled(p.bankCard), label: { 'zh-CN': '银行卡号', en: 'bank card number' } },
  {
    present: (p) => (p.products?.length ?? 0) > 0 || filled(p.lastPurchaseAt) || p.totalSpent !== undefined,
    label: { 'zh-CN': '购买和消费记录', en: 'purchase history' },
  },
  { present: (p) => filled(p.health), label: { 'zh-CN': '健康信息', en: 'health information' } },
  { present: (p) => filled(p.biometric), label: { 'zh-CN': '生物识别信息', en: 'biometric information' } },
  { present: (p) => filled(p.religion), label: { 'zh-CN': '宗教信仰', en: 'religious beliefs' } },
  { present: (p) => filled(p.location), label: { 'zh-CN': '位置信息', en: 'location information' } },
  { present: (p) => filled(p.notes), label: { 'zh-CN': '服务备注', en: 'service notes' } },
  { present: (p) => Object.keys(p.extra ?? {}).length > 0, label: { 'zh-CN': '其他业务信息', en: 'other business records' } },
];

/** Sensitive categories (classification vocabulary) in the notice's words. */
const SENSITIVE: Readonly<Record<string, Labels>> = {
  id_number: { 'zh-CN': '身份证件号码', en: 'identity card number' },
  bank_card: { 'zh-CN': '银行卡号', en: 'bank card number' },
  financial_account: { 'zh-CN': '金融账户信息', en: 'financial account information' },
  minor: { 'zh-CN': '未成年人的个人信息', en: "a minor's personal information" },
  health: { 'zh-CN': '医疗健康信息', en: 'health information' },
  biometric: { 'zh-CN': '生物识别信息', en: 'biometric information' },
  religion: { 'zh-CN': '宗教信仰', en: 'religious beliefs' },
  location: { 'zh-CN': '行踪轨迹', en: 'location and movements' },
};

export const DEFAULT_PURPOSE: Labels = {
  'zh-CN': '继续向您提供原有的商品和服务，处理目的和处理方式与原处理者相同',
  en: 'to continue providing the products and services you used, with the same purpose and method as before',
};

export const DEFAULT_RETENTION: Labels = {
  'zh-CN': '实现处理目的所必要的最短时间；法律、行政法规规定更长保存期限的，从其规定',
  en: 'the shortest time necessary for the purpose, unless a law or regulation requires a longer period',
};

const DEFAULT_NAME: Labels = { 'zh-CN': '客户', en: 'Customer' };

function filled(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

export function noticeLocale(customer: Pick<NoticeCustomer, 'locale'>): NoticeLocale {
  return customer.locale === 'en' ? 'en' : 'zh-CN';
}

/** The categories held about this customer, in the notice's language. */
export function categoriesOf(personal: CustomerPersonalData, locale: NoticeLocale): string[] {
  return CATEGORIES.filter((c) => c.present(personal)).map((c) => c.label[locale]);
}

/** The sensitive categories, in the notice's language; a bank card is named once, not also as an account. */
export function sensitiveOf(sensitive: readonly string[], locale: NoticeLocale): string[] {
  const shown = sensitive.includes('bank_card') ? sensitive.filter((s) => s !== 'financial_account') : sensitive;
  const labels: string[] = [];
  for (const category of shown) {
    const label = SENSITIVE[category]?.[locale] ?? category;
    if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** The date a customer must act by: the consent deadline on consent routes, else the waiting period's end. */
export function noticeDeadlineDate(route: string, deadlines: CaseDeadlines): string {
  // The UTC calendar date of the instant: "before <date>" read in China (UTC+8) is always in time.
  return utcDate(isConsentRequestRoute(route) ? deadlines.consentDeadline : deadlines.noticeDeadline);
}

function retentionOf(policy: object, locale: NoticeLocale): string {
  const retention = (policy as { retention?: unknown }).retention;
  if (typeof retention === 'string' && retention.trim() !== '') return retention;
  if (typeof retention === 'object' && retention !== null) {
    const localized = (retention as Record<string, unknown>)[locale];
    if (typeof localized === 'string' && localized.trim() !== '') return localized;
  }
  return DEFAULT_RETENTION[locale];
}

export interface NoticeModelInput {
  caseFacts: NoticeCase;
  customer: NoticeCustomer;
  personal: CustomerPersonalData;
  deadlines: CaseDeadlines;
  link: string;
  reminder: number;
}

export function buildNoticeModel({ caseFacts, customer, personal, deadlines, link, reminder }: NoticeModelInput): NoticeModel {
  const locale = noticeLocale(customer);
  const purpose = caseFacts.purposeChange?.trim();
  return {
    locale,
    ...(caseFacts.jurisdiction && { jurisdiction: caseFacts.jurisdiction }),
    customerName: filled(personal.name) ? (personal.name as string).trim() : DEFAULT_NAME[locale],
    route: customer.route,
    caseKind: caseFacts.kind,
    transferor: { name: caseFacts.transferor.name, contact: caseFacts.transferor.contact },
    ...(caseFacts.recipient && {
      recipient: { name: caseFacts.recipient.name, contact: caseFacts.recipient.contact, country: caseFacts.recipient.country },
    }),
    purpose: purpose ? purpose : DEFAULT_PURPOSE[locale],
    categories: categoriesOf(personal, locale),
    additions: [...(customer.noticeAdditions ?? [])],
    sensitive: sensitiveOf(customer.sensitive, locale),
    retention: retentionOf(caseFacts.policy, locale),
    deadline: noticeDeadlineDate(customer.route, deadlines),
    link,
    reminder,
  };
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO-8601 instant. */
function utcDate(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}
