/**
 * The public announcement that serves customers no message can reach (no email address; docs/legal.md
 * §1 modifier 5, NDSMR Art. 11, GB/T 35273 §6.4). Pure. It names companies, dates and rights only:
 * no customer data, and not the parties' contact details either (those are encrypted on the case
 * because a contact can be a person's; the case manager adds the published service channel when
 * publishing the text).
 */
import type { CaseDeadlines } from './deadlines';

export const ANNOUNCEMENT_WORDING_VERSION = 'announcement/2026.1';

export interface AnnouncementCase {
  kind: string;
  transferor: { name: string };
  recipient?: { name: string; country: string };
}

export interface PublicAnnouncement {
  /** Customers in the mailing's audience without an email address. */
  count: number;
  wordingVersion: string;
  text: { 'zh-CN': string; en: string };
}

const KIND_ZH: Readonly<Record<string, string>> = {
  bankruptcy: '破产', merger: '合并', division: '分立', dissolution: '解散', 'asset-sale': '出售相关业务资产',
  'equity-transfer': '股权转让', 'branch-deregistration': '分支机构注销',
};

const KIND_EN: Readonly<Record<string, string>> = {
  bankruptcy: 'bankruptcy', merger: 'merger', division: 'division', dissolution: 'dissolution', 'asset-sale': 'sale of business assets',
  'equity-transfer': 'change of ownership', 'branch-deregistration': 'deregistration of a branch',
};

export function buildPublicAnnouncement(caseFacts: AnnouncementCase, deadlines: CaseDeadlines, count: number): PublicAnnouncement {
  const transferor = caseFacts.transferor.name;
  const noticeBy = utcDate(deadlines.noticeDeadline);
  const consentBy = utcDate(deadlines.consentDeadline);
  const kindZh = KIND_ZH[caseFacts.kind] ?? caseFacts.kind;
  const kindEn = KIND_EN[caseFacts.kind] ?? caseFacts.kind;
  const recipient = caseFacts.recipient;
  const foreign = recipient !== undefined && recipient.country !== 'CN';

  let whatZh: string;
  let whatEn: string;
  if (caseFacts.kind === 'equity-transfer') {
    whatZh = `${transferor}的控制权发生变更（${kindZh}）。处理客户个人信息的主体不变，处理目的和方式不变。`;
    whatEn = `The ownership of ${transferor} is changing (${kindEn}). The organisation processing customers' personal information, and its purpose and method, stay the same.`;
  } else if (!recipient) {
    whatZh = `因${transferor}${kindZh}且无承接方，其持有的客户个人信息将被删除（法律规定须保存的除外，保存期间仅作存储和必要的安全保护）。`;
    whatEn = `Because of the ${kindEn} of ${transferor}, with no successor, the customers' personal information it holds will be deleted (except what the law requires to be kept, which is only stored and secured).`;
  } else {
    whatZh = `因${transferor}${kindZh}，其客户个人信息将转移给${recipient.name}${foreign ? `（境外接收方，所在国家或地区：${recipient.country}）` : ''}，由其继续履行个人信息处理者的义务。`;
    whatEn = `Because of the ${kindEn} of ${transferor}, its customers' personal information will be transferred to ${recipient.name}${foreign ? ` (outside mainland China: ${recipient.country})` : ''}, which continues the obligations of the original processor.`;
  }

  const zh = [
    `公告：关于客户个人信息的处理`,
    whatZh,
    `我们无法通过电子邮件联系到部分客户，特此公告。`,
    `受影响的客户可在 ${noticeBy} 前通过${transferor}公布的客户服务渠道提出反对，并可随时查阅、复制、更正、删除其个人信息或进行投诉。`,
    ...(recipient && caseFacts.kind !== 'equity-transfer'
      ? [`需要客户单独同意的转移，未在 ${consentBy} 前同意的视为不同意，相关信息不会被转移。`]
      : []),
  ].join('\n');
  const en = [
    `Public notice: customers' personal information`,
    whatEn,
    `We could not reach some customers by email; this announcement informs them.`,
    `Affected customers may object by ${noticeBy} through the customer service channels published by ${transferor}, and may at any time access, copy, correct or delete their personal information, or complain.`,
    ...(recipient && caseFacts.kind !== 'equity-transfer'
      ? [`Where a transfer needs the customer's separate consent, no consent by ${consentBy} means no transfer.`]
      : []),
  ].join('\n');

  return { count, wordingVersion: ANNOUNCEMENT_WORDING_VERSION, text: { 'zh-CN': zh, en } };
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO-8601 instant. */
function utcDate(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}
