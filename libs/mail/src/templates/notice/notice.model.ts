export type NoticeLocale = 'zh-CN' | 'en';

/** Everything a customer notice says (docs/legal.md §2). Built inside the mailing activity; never logged. */
export interface NoticeModel {
  locale: NoticeLocale;
  /** The case's rule pack: its wording (PIPL Art. 17/22–23 or GDPR Art. 13/14). Absent means CN-PIPL. */
  jurisdiction?: 'CN-PIPL' | 'EU-GDPR';
  customerName: string;
  /** notice | separate-consent | guardian-consent | notice-of-change | delete */
  route: string;
  caseKind: string;
  transferor: { name: string; contact: string };
  recipient?: { name: string; contact: string; country: string };
  /** Art. 23: purpose and method of the recipient's processing. */
  purpose: string;
  /** Data categories held about this customer, in the notice's language. */
  categories: string[];
  /** Notice additions decided by the rule engine (e.g. art30-necessity-impact, art39-foreign-rights). */
  additions: string[];
  /** Sensitive categories held (shown with Art. 30 necessity and impact). */
  sensitive: string[];
  retention: string;
  /** YYYY-MM-DD: end of the waiting period or the consent deadline. */
  deadline: string;
  /** The customer's personal link to the portal. */
  link: string;
  /** Reminder number (0 = first notice). */
  reminder: number;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Stored with the evidence: which wording the customer saw. */
  wordingVersion: string;
}
