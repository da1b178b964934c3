import { escapeHtml, htmlDocument } from '../escape';
import { formatDue, THIRD_PARTY_REQUEST_WORDING_VERSION } from './third-party.wording';

export interface ThirdPartyRequestModel {
  thirdPartyName: string;
  transferorName: string;
  caseId: string;
  /** Categories of personal data the third party received. */
  categories: string[];
  /** ISO instant by which the confirmation is due. */
  dueAt: string;
  /** The signed portal link `{PORTAL_URL}/t/{token}`. */
  link: string;
  /** 0 for the request, n for the n-th reminder. */
  reminder: number;
}

export interface RenderedThirdPartyMail {
  subject: string;
  text: string;
  html: string;
  wordingVersion: string;
}

/**
 * The deletion request to a third party (PIPL Art. 21, GDPR Art. 28(3)): delete or return what was
 * received and keep nothing, then confirm through the link: deleted / not held / exception /
 * retained under legal hold (basis and end date), who, when, how. zh-CN first, then English.
 */
export function renderThirdPartyRequest(model: ThirdPartyRequestModel): RenderedThirdPartyMail {
  const reminderZh = model.reminder > 0 ? `【提醒${model.reminder > 1 ? ` ${model.reminder}` : ''}】` : '';
  const reminderEn = model.reminder > 0 ? `Reminder${model.reminder > 1 ? ` ${model.reminder}` : ''}: ` : '';
  const categories = model.categories.join('、');
  const subject = `${reminderZh}【${model.transferorName}】个人信息删除请求及确认 / ${reminderEn}Request to delete personal information and confirm (${model.caseId})`;
  const dueZh = formatDue(model.dueAt, 'zh-CN');
  const dueEn = formatDue(model.dueAt, 'en');
  const text =
    [
      `${model.thirdPartyName}：`,
      model.reminder > 0 ? `我们尚未收到贵方对以下删除请求的确认，特此提醒。` : '',
      `因${model.transferorName}的业务转移（案件 ${model.caseId}），依据《个人信息保护法》第二十一条及双方的委托处理或数据提供约定，请贵方删除（或返还）此前从${model.transferorName}获得的个人信息，且不得保留。`,
      `涉及的个人信息类别：${categories}。`,
      `请于 ${dueZh} 前通过以下专属链接确认：已删除（由谁、何时、以何种方式删除）、未持有、例外情况（请说明），或因法定保存义务暂时保留（请注明依据和保存截止日期）。`,
      model.link,
      '仅发送本请求并不视为完成删除；逾期未确认的，我们将上报案件负责人。',
      '',
      `Dear ${model.thirdPartyName},`,
      model.reminder > 0 ? 'We have not yet received your confirmation of the deletion request below: this is a reminder.' : '',
      `Because the business of ${model.transferorName} changes hands (case ${model.caseId}), and as your processing or data-sharing terms require (PIPL Art. 21, GDPR Art. 28(3)), please delete (or return) the personal information you received from ${model.transferorName} and keep no copy.`,
      `Categories of personal information: ${model.categories.join(', ')}.`,
      `By ${dueEn}, confirm through your personal link: deleted (who, when, how), not held, an exception (please explain), or retained under a legal hold (statutory basis and end date).`,
      model.link,
      'Sending this request does not complete the deletion; a missing confirmation at the due time is escalated to the case manager.',
    ]
      .filter((line, index, all) => line !== '' || all[index - 1] !== '')
      .join('\n') + '\n';
  const e = escapeHtml;
  const paragraphs = text
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line === model.link ? `<p><a href="${e(model.link)}">${e(model.link)}</a></p>` : `<p>${e(line)}</p>`));
  const html = htmlDocument('zh-CN', subject, paragraphs.join(''));
  return { subject, text, html, wordingVersion: THIRD_PARTY_REQUEST_WORDING_VERSION };
}
