import { escapeHtml, htmlDocument } from '../escape';

export interface RecipientLinkModel {
  recipientName: string;
  transferorName: string;
  caseId: string;
  packageId: string;
  records: number;
  /** `${PORTAL_URL}/r/${token}` */
  link: string;
  /** ISO-8601: when the link stops working. */
  expiresAt: string;
  /** The n-th reminder of the same link (issue 14): the subject says so; absent on the first mail. */
  reminder?: number;
}

/** Versioned with the text: stored in the send ledger as evidence of what the recipient was told. */
export const RECIPIENT_LINK_WORDING_VERSION = 'recipient-link/2026.1';

/**
 * The recipient's mail (zh-CN first, then English): the package is ready, and the obligations that
 * continue with the data under PIPL Art. 22 — the same purposes and processing methods; new
 * consent from the individuals before either changes. One link acknowledges receipt and them.
 */
export function renderRecipientLink(model: RecipientLinkModel): { subject: string; text: string; html: string; wordingVersion: string } {
  const again = model.reminder ? `【提醒 ${model.reminder}】` : '';
  const againEn = model.reminder ? `Reminder ${model.reminder}: ` : '';
  const subject = `${again}【Handover】个人信息移交包待确认 / ${againEn}Handover package to acknowledge: ${model.caseId}`;
  const zh = [
    `${model.recipientName}：`,
    `${model.transferorName}已为您准备好个人信息移交包（案件 ${model.caseId}，移交包 ${model.packageId}，共 ${model.records} 条客户记录）。移交包已用贵方公钥加密，请通过案件经理取得。`,
    '根据《个人信息保护法》第二十二条，贵方作为接收方应当继续履行个人信息处理者的义务：',
    '1. 按照原有的处理目的和处理方式处理这些个人信息；',
    '2. 如需变更处理目的或处理方式，应当依法重新取得个人的同意；',
    '3. 保障个人查阅、复制、更正、删除等权利。',
    `请打开以下链接，确认已收到移交包并知悉上述义务（链接有效至 ${model.expiresAt}）：`,
    model.link,
  ];
  const en = [
    `To ${model.recipientName}:`,
    `${model.transferorName} has prepared the handover package of personal information for you (case ${model.caseId}, package ${model.packageId}, ${model.records} customer records). It is encrypted for your public key; obtain it through the case manager.`,
    "Under Article 22 of China's Personal Information Protection Law, as the recipient you continue the obligations of the personal information handler:",
    '1. process the information for the same purposes and by the same methods as before;',
    '2. obtain the individuals\' consent again before changing the purposes or methods;',
    '3. uphold the individuals\' rights to access, copy, correct and delete their information.',
    `Open this link to acknowledge receipt of the package and these obligations (valid until ${model.expiresAt}):`,
    model.link,
  ];
  const text = [...zh, '', ...en].join('\n');
  const e = escapeHtml;
  const paragraphs = (lines: string[], lang: string): string =>
    lines.map((line) => (line === model.link ? `<p lang="${lang}"><a href="${e(line)}">${e(line)}</a></p>` : `<p lang="${lang}">${e(line)}</p>`)).join('');
  const html = htmlDocument('zh-CN', subject, `${paragraphs(zh, 'zh-CN')}<hr>${paragraphs(en, 'en')}`);
  return { subject, text, html, wordingVersion: RECIPIENT_LINK_WORDING_VERSION };
}
