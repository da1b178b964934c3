import { escapeHtml, htmlDocument } from './escape';

export type Locale = 'zh-CN' | 'en';

export interface CaseOpenedModel {
  managerName: string;
  caseId: string;
  kind: string;
  transferorName: string;
  recipientName?: string;
}

export const CASE_OPENED_WORDING_VERSION = 'case-opened/1';

const KIND_ZH: Record<string, string> = {
  bankruptcy: '破产', merger: '合并', division: '分立', dissolution: '解散', 'asset-sale': '资产出售',
  'equity-transfer': '股权转让', 'branch-deregistration': '分支机构注销',
};

/** "Case opened" notice to the case manager, zh-CN first with an English part. */
export function renderCaseOpened(model: CaseOpenedModel): { subject: string; text: string; html: string } {
  const recipientZh = model.recipientName ?? '无（无承接方）';
  const recipientEn = model.recipientName ?? 'none (no successor)';
  const subject = `【Handover】转移案件已启动 / Transfer case started: ${model.caseId}`;
  const text = [
    `${model.managerName}，您好：`,
    `转移案件 ${model.caseId}（${KIND_ZH[model.kind] ?? model.kind}）已启动。转出方：${model.transferorName}；接收方：${recipientZh}。`,
    '下一步：导入客户清单并审批“清单”关口。',
    '',
    `Dear ${model.managerName},`,
    `Transfer case ${model.caseId} (${model.kind}) has started. Transferor: ${model.transferorName}; recipient: ${recipientEn}.`,
    'Next: load the customer inventory and approve the inventory gate.',
  ].join('\n');
  const e = escapeHtml;
  const html = htmlDocument(
    'zh-CN',
    subject,
    `<p>${e(model.managerName)}，您好：</p><p>转移案件 <b>${e(model.caseId)}</b>（${e(KIND_ZH[model.kind] ?? model.kind)}）已启动。转出方：${e(model.transferorName)}；接收方：${e(recipientZh)}。</p><p>下一步：导入客户清单并审批“清单”关口。</p><hr><p lang="en">Dear ${e(model.managerName)},</p><p lang="en">Transfer case <b>${e(model.caseId)}</b> (${e(model.kind)}) has started. Transferor: ${e(model.transferorName)}; recipient: ${e(recipientEn)}.</p><p lang="en">Next: load the customer inventory and approve the inventory gate.</p>`,
  );
  return { subject, text, html };
}
