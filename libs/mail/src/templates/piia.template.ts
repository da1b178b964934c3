import type { CaseKind, CrossBorderMechanism, CustomerTier, CustomerType, Jurisdiction, Route } from '@handover/domain';
import { escapeHtml, htmlDocument } from './escape';

/** A sentence in both languages of the report (zh-CN first). */
export interface PiiaText {
  zh: string;
  en: string;
}

export interface PiiaStatement {
  text: PiiaText;
  articles: string[];
}

export interface PiiaRisk {
  id: string;
  level: 'low' | 'medium' | 'high';
  /** People concerned. */
  affected: number;
  text: PiiaText;
  /** Ids of the measures that answer it. */
  measures: string[];
}

export interface PiiaMeasure {
  id: string;
  text: PiiaText;
  articles: string[];
}

export interface PiiaCounts {
  customers: number;
  byType: Record<CustomerType, number>;
  byTier: Record<CustomerTier, number>;
  /** People per sensitive category (a person may count in several). */
  sensitive: Record<string, number>;
  /** People with at least one sensitive category of the rule pack. */
  sensitiveCustomers: number;
  minors: number;
  unreachable: number;
  /** People whose record would go to a recipient abroad. */
  crossBorder: number;
  byRoute: Record<Route, number>;
  /** People not routed yet (imported after the last route decision). */
  unrouted: number;
  /** Legal-hold candidates (statutory retention from the rule pack). */
  onHold: number;
}

/**
 * The personal-information protection impact assessment (PIPL Art. 55–56; GDPR Art. 35): counts
 * only, never a personal value. Stored with the case (piia_reports) and rendered by renderPiiaHtml.
 */
export interface PiiaContent {
  caseId: string;
  version: number;
  final: boolean;
  generatedAt: string;
  rulePack: { id: Jurisdiction; version: string };
  case: {
    kind: CaseKind;
    hasRecipient: boolean;
    recipientCountry: string | null;
    crossBorder: boolean;
    purposeChange: boolean;
    legalBasisDetermination: boolean;
  };
  counts: PiiaCounts;
  requirements: {
    piiaRequired: boolean;
    articles: string[];
    handoverPackage: boolean;
    crossBorderMechanism: CrossBorderMechanism | null;
    regulatorDisposalReport: boolean;
    reasons: Array<{ ruleId: string; article: string }>;
  };
  assessment: {
    lawfulness: PiiaStatement;
    necessity: PiiaStatement;
    impact: PiiaStatement;
    risks: PiiaRisk[];
    measures: PiiaMeasure[];
  };
}

export const PIIA_WORDING_VERSION = 'piia/1';

const KIND_ZH: Record<string, string> = {
  bankruptcy: '破产', merger: '合并', division: '分立', dissolution: '解散', 'asset-sale': '资产出售',
  'equity-transfer': '股权转让', 'branch-deregistration': '分支机构注销',
};
const ROUTE_ZH: Record<string, string> = {
  notice: '告知', 'separate-consent': '单独同意', 'guardian-consent': '监护人同意', 'notice-of-change': '变更告知', delete: '删除', hold: '依法留存',
};
const CATEGORY_ZH: Record<string, string> = {
  id_number: '身份证号', bank_card: '银行卡号', financial_account: '金融账户', minor: '不满十四周岁未成年人', health: '医疗健康',
  biometric: '生物识别', religion: '宗教信仰', location: '行踪轨迹/精确位置', specific_identity: '特定身份',
};
const TYPE_ZH: Record<string, string> = { individual: '个人', enterprise: '企业' };
const TIER_ZH: Record<string, string> = { core: '核心', regular: '普通', potential: '潜在', dormant: '沉睡' };
const MECHANISM_ZH: Record<string, string> = {
  'cac-security-assessment': '网信部门安全评估', 'standard-contract-or-certification': '标准合同或个人信息保护认证', exempt: '豁免',
  'adequacy-decision': '充分性认定', 'appropriate-safeguards': '适当保障措施',
};
const LEVEL: Record<PiiaRisk['level'], string> = { low: '低 / low', medium: '中 / medium', high: '高 / high' };

const e = escapeHtml;
const heading = (zh: string, en: string): string => `<h2>${e(zh)} <span lang="en">/ ${e(en)}</span></h2>`;
const both = (text: PiiaText): string => `<p>${e(text.zh)}</p><p lang="en">${e(text.en)}</p>`;
const yesNo = (value: boolean): string => (value ? '是 / yes' : '否 / no');
const row = (zh: string, en: string, value: string | number): string =>
  `<tr><th scope="row">${e(zh)} <span lang="en">/ ${e(en)}</span></th><td>${e(String(value))}</td></tr>`;
const table = (rows: string[]): string => `<table>${rows.join('')}</table>`;
const articles = (list: readonly string[]): string => (list.length > 0 ? `<p><small>${e(list.join('; '))}</small></p>` : '');
const labelled = (map: Record<string, string>, key: string): [string, string] => [map[key] ?? key, key];

/** The PIIA as one HTML page, zh-CN headings with English, every value escaped, UTF-8 declared. */
export function renderPiiaHtml(content: PiiaContent): string {
  const { counts, requirements, assessment } = content;
  const status = content.final ? '定稿 / final' : '草稿 / draft';
  const title = `个人信息保护影响评估报告 / Personal information protection impact assessment — ${content.caseId} v${content.version}`;
  const sections = [
    `<h1>${e(title)}</h1>`,
    `<p>${e(status)} · ${e(content.generatedAt)} · ${e(content.rulePack.id)} ${e(content.rulePack.version)} · ${e(PIIA_WORDING_VERSION)}</p>`,
    heading('一、基本情况', '1. The case'),
    table([
      row('案件类型', 'Case kind', `${KIND_ZH[content.case.kind] ?? content.case.kind} (${content.case.kind})`),
      row('有接收方', 'Has a recipient', yesNo(content.case.hasRecipient)),
      row('接收方所在国家/地区', 'Recipient country', content.case.recipientCountry ?? '—'),
      row('跨境提供', 'Cross-border', yesNo(content.case.crossBorder)),
      row('处理目的或方式变更', 'Change of purpose or method', yesNo(content.case.purposeChange)),
      row('第二十二条适用的法律意见', 'Art. 22 legal determination recorded', yesNo(content.case.legalBasisDetermination)),
    ]),
    heading('二、个人信息数量与类别', '2. Personal information: counts by category'),
    table([
      row('客户总数', 'Customers', counts.customers),
      ...Object.entries(counts.byType).map(([k, v]) => row(`类型：${labelled(TYPE_ZH, k)[0]}`, `Type: ${k}`, v)),
      ...Object.entries(counts.byTier).map(([k, v]) => row(`重要程度：${labelled(TIER_ZH, k)[0]}`, `Tier: ${k}`, v)),
      row('含敏感个人信息的人数', 'People with sensitive data', counts.sensitiveCustomers),
      ...Object.entries(counts.sensitive).map(([k, v]) => row(`敏感类别：${labelled(CATEGORY_ZH, k)[0]}`, `Sensitive: ${k}`, v)),
      row('不满十四周岁未成年人', 'Minors', counts.minors),
      row('无法联系（无邮箱和手机）', 'Unreachable (no email, no phone)', counts.unreachable),
      row('跨境提供人数', 'People whose data would cross the border', counts.crossBorder),
      row('依法留存候选', 'Legal-hold candidates', counts.onHold),
    ]),
    heading('三、处理路径', '3. Routes'),
    table([
      ...Object.entries(counts.byRoute).map(([k, v]) => row(labelled(ROUTE_ZH, k)[0], k, v)),
      row('尚未判定', 'Not routed yet', counts.unrouted),
    ]),
    heading('四、法定要求', '4. Legal requirements'),
    table([
      row('须进行影响评估', 'PIIA required', yesNo(requirements.piiaRequired)),
      row('触发条款', 'Triggered by', requirements.articles.join('; ') || '—'),
      row('移交数据包', 'Handover package', yesNo(requirements.handoverPackage)),
      row(
        '跨境提供机制',
        'Cross-border mechanism',
        requirements.crossBorderMechanism ? `${MECHANISM_ZH[requirements.crossBorderMechanism] ?? ''} (${requirements.crossBorderMechanism})` : '—',
      ),
      row('向主管部门报送处置方案', 'Disposal plan reported to the regulator', yesNo(requirements.regulatorDisposalReport)),
    ]),
    `<ul>${requirements.reasons.map((r) => `<li>${e(r.article)} <small>(${e(r.ruleId)})</small></li>`).join('')}</ul>`,
    heading('五、处理目的、方式的合法性、正当性和必要性', '5. Lawfulness, legitimacy and necessity'),
    both(assessment.lawfulness.text),
    articles(assessment.lawfulness.articles),
    both(assessment.necessity.text),
    articles(assessment.necessity.articles),
    heading('六、对个人权益的影响', '6. Impact on the individuals'),
    both(assessment.impact.text),
    articles(assessment.impact.articles),
    heading('七、安全风险', '7. Risks'),
    `<ol>${assessment.risks
      .map((r) => `<li><b>${e(LEVEL[r.level])}</b> · ${e(String(r.affected))}<br>${both(r.text)}<small>${e(r.measures.join(', '))}</small></li>`)
      .join('')}</ol>`,
    heading('八、保护措施及其合法、有效并与风险程度相适应的说明', '8. Measures: lawful, effective and proportionate to the risks'),
    `<ol>${assessment.measures.map((m) => `<li id="${e(m.id)}"><b>${e(m.id)}</b>${both(m.text)}${articles(m.articles)}</li>`).join('')}</ol>`,
  ];
  return htmlDocument('zh-CN', title, sections.join(''));
}
