import { canonicalJson } from '@handover/crypto';
import type { CaseFacts, CaseRequirements, RulePack } from '@handover/domain';
import type { PiiaContent, PiiaCounts, PiiaMeasure, PiiaRisk, PiiaStatement } from '@handover/mail';

export interface PiiaInput {
  caseId: string;
  version: number;
  final: boolean;
  generatedAt: Date;
  pack: RulePack;
  facts: CaseFacts;
  crossBorder: boolean;
  counts: PiiaCounts;
  requirements: CaseRequirements;
}

const CONSENT_ROUTES = ['separate-consent', 'guardian-consent'] as const;

/** Art. 56 (1): lawfulness, legitimacy and necessity of the purpose and method, by case kind. */
function lawfulness({ facts, requirements }: PiiaInput): PiiaStatement {
  const articles = [...new Set(requirements.reasons.map((r) => r.article))];
  const parts: Array<[string, string]> = [];
  if (!facts.hasRecipient && facts.kind !== 'equity-transfer') {
    parts.push([
      '无接收方：除依法须留存的记录外，个人信息全部删除，并告知个人（个人信息保护法第四十七条）。',
      'No recipient: every record not under a statutory hold is deleted and the individuals are told (PIPL Art. 47).',
    ]);
  } else if (facts.kind === 'equity-transfer') {
    parts.push([
      '股权转让：个人信息处理者未变更，数据不转移，仅告知变更（第十七条第二款）。',
      'Equity transfer: the processor itself is unchanged and no data moves; individuals are told of the change (Art. 17(2)).',
    ]);
  } else if (facts.kind === 'asset-sale' && !facts.legalBasisDetermination) {
    parts.push([
      '资产出售：转让方存续，向接收方提供个人信息须告知并取得个人的单独同意（第二十三条）。',
      'Asset sale: the seller survives; providing the data to the recipient needs notice and each individual’s separate consent (Art. 23).',
    ]);
  } else if (facts.kind === 'branch-deregistration' && facts.recipientIsSameLegalEntity !== false) {
    parts.push([
      '分支机构注销：数据回归总公司（同一法人），仅告知变更。',
      'Branch deregistration: the data returns to the head office (same legal person); individuals are told of the change.',
    ]);
  } else {
    parts.push([
      '因合并、分立、解散、被宣告破产等原因转移个人信息：向个人告知接收方的名称和联系方式，接收方继续履行原处理者的义务（第二十二条）。',
      'Transfer because of a merger, division, dissolution, bankruptcy or similar: individuals are told the recipient’s name and contact; the recipient continues the original processor’s obligations (Art. 22).',
    ]);
  }
  if (facts.purposeChange) {
    parts.push([
      '接收方变更原处理目的或处理方式，须重新取得个人同意（第二十二条）。',
      'The recipient changes the original purpose or method: consent is obtained again (Art. 22).',
    ]);
  }
  return { text: join(parts), articles };
}

function necessity({ counts, requirements }: PiiaInput): PiiaStatement {
  const parts: Array<[string, string]> = [
    [
      '仅移交接收方继续提供原有产品或服务所必需的客户记录；无法转移的记录（拒绝、逾期未答复、无法联系且须同意）删除，不予移交。',
      'Only the customer records the recipient needs to continue the original products or services are handed over; records that cannot move (refused, unanswered at the deadline, unreachable on a consent route) are deleted, not handed over.',
    ],
    [
      `在影响评估和路由中只使用分类信息（类型、重要程度、敏感类别、可联系性），不解密个人信息；共 ${counts.customers} 条记录。`,
      `The assessment and the routing use the classification only (type, tier, sensitive categories, reachability), never decrypted personal data; ${counts.customers} records.`,
    ],
  ];
  if (counts.onHold > 0) {
    parts.push([
      `${counts.onHold} 条记录处于法定留存期内：仅存储并采取安全保护措施，期满删除（第四十七条）。`,
      `${counts.onHold} records are under a statutory retention period: storage and security only, deleted at expiry (Art. 47).`,
    ]);
  }
  return { text: join(parts), articles: ['PIPL Art. 6', 'PIPL Art. 19', 'PIPL Art. 47', ...(requirements.handoverPackage ? ['PIPL Art. 22'] : [])] };
}

function impact({ counts, crossBorder }: PiiaInput): PiiaStatement {
  const consent = CONSENT_ROUTES.reduce((sum, r) => sum + counts.byRoute[r], 0);
  return {
    text: {
      zh:
        `涉及 ${counts.customers} 名客户（个人 ${counts.byType.individual}、企业联系人 ${counts.byType.enterprise}），其中含敏感个人信息 ${counts.sensitiveCustomers} 人、` +
        `不满十四周岁未成年人 ${counts.minors} 人、无法联系 ${counts.unreachable} 人${crossBorder ? `、跨境提供 ${counts.crossBorder} 人` : ''}。` +
        `对个人权益的影响主要在于个人信息处理者的变更；须取得同意的 ${consent} 人在同意前不转移，沉默不视为同意。`,
      en:
        `${counts.customers} customers (${counts.byType.individual} individuals, ${counts.byType.enterprise} enterprise contacts); ${counts.sensitiveCustomers} with sensitive data, ` +
        `${counts.minors} minors, ${counts.unreachable} unreachable${crossBorder ? `, ${counts.crossBorder} whose data would go abroad` : ''}. ` +
        `The main impact on the individuals is the change of processor; the ${consent} on a consent route do not move before they consent, and silence is never consent.`,
    },
    articles: ['PIPL Art. 56(1)(2)'],
  };
}

const MEASURES: Record<string, PiiaMeasure> = {
  'M-ENCRYPTION': {
    id: 'M-ENCRYPTION',
    text: {
      zh: '个人信息在存储时逐字段以 AES-256-GCM 加密，每个案件独立数据密钥并由主密钥封装；上传文件加密存储；查询仅用 HMAC 盲索引。',
      en: 'Personal data is encrypted at rest field by field with AES-256-GCM under a per-case data key wrapped by the master key; uploads are stored encrypted; lookups use HMAC blind indexes only.',
    },
    articles: ['PIPL Art. 51(3)'],
  },
  'M-MINIMISATION': {
    id: 'M-MINIMISATION',
    text: {
      zh: '明文只保留分类信息；报告、日志和工作流只含标识符与计数；只移交必需的记录。',
      en: 'Only classification is kept in clear; reports, logs and workflows carry ids and counts only; only necessary records are handed over.',
    },
    articles: ['PIPL Art. 6'],
  },
  'M-ACCESS': {
    id: 'M-ACCESS',
    text: {
      zh: '按角色授权访问（管理员、案件经理、事件响应、审计），操作记入防篡改的哈希链审计日志。',
      en: 'Role-based access (admin, case manager, incident responder, auditor); every action goes to a hash-chained, tamper-evident audit trail.',
    },
    articles: ['PIPL Art. 51(4)'],
  },
  'M-NOTICE': {
    id: 'M-NOTICE',
    text: {
      zh: '向每位可联系的客户发送告知，载明接收方名称和联系方式、处理目的方式、权利行使方式与期限；含敏感信息的告知说明必要性和影响。',
      en: 'Every reachable customer receives a notice with the recipient’s name and contact, purpose and method, how to exercise rights and the deadline; for sensitive data it states the necessity and impact.',
    },
    articles: ['PIPL Art. 17', 'PIPL Art. 22', 'PIPL Art. 30'],
  },
  'M-SEPARATE-CONSENT': {
    id: 'M-SEPARATE-CONSENT',
    text: {
      zh: '单独同意逐项、明示取得，不预先勾选、不捆绑；保存时间、文本版本、范围和渠道证据；撤回与同意同样便捷。',
      en: 'Separate consent is explicit and for one scope, never pre-ticked or bundled; time, wording version, scope and channel are kept as evidence; withdrawal is as easy as consent.',
    },
    articles: ['PIPL Art. 14', 'PIPL Art. 15', 'PIPL Art. 23'],
  },
  'M-GUARDIAN': {
    id: 'M-GUARDIAN',
    text: {
      zh: '不满十四周岁未成年人的记录仅在取得其监护人同意后转移。',
      en: 'Records of minors under 14 move only with their guardian’s consent.',
    },
    articles: ['PIPL Art. 28', 'PIPL Art. 31'],
  },
  'M-ANNOUNCEMENT': {
    id: 'M-ANNOUNCEMENT',
    text: {
      zh: '无法联系的客户以公告方式告知；其记录如须同意则不转移并删除（依法留存的除外）。',
      en: 'Unreachable customers are told by public announcement; on a consent route their records do not move and are deleted (unless on hold).',
    },
    articles: ['NDSMR Art. 11'],
  },
  'M-CROSS-BORDER': {
    id: 'M-CROSS-BORDER',
    text: {
      zh: '跨境提供前取得单独同意，并在移交关口前记录数据出境机制（安全评估、标准合同或认证）；告知境外接收方及权利行使方式。',
      en: 'Separate consent before any transfer abroad, and the transfer mechanism (security assessment, standard contract or certification) recorded before the handover gate; the notice names the foreign recipient and how to exercise rights against it.',
    },
    articles: ['PIPL Art. 38', 'PIPL Art. 39'],
  },
  'M-DELETION': {
    id: 'M-DELETION',
    text: {
      zh: '不转移的记录以加密粉碎（删除数据密钥）加物理删除方式删除；第三方须确认删除。',
      en: 'Records that do not move are deleted by crypto-shredding (the data key is destroyed) plus hard delete; third parties must confirm deletion.',
    },
    articles: ['PIPL Art. 47', 'PIPL Art. 21'],
  },
  'M-HOLD': {
    id: 'M-HOLD',
    text: {
      zh: '法定留存记录仅存储和采取安全措施，指定保管人与到期日，期满删除。',
      en: 'Records under a statutory hold are stored and secured only, with a custodian and an expiry date, and deleted at expiry.',
    },
    articles: ['PIPL Art. 47'],
  },
  'M-PACKAGE': {
    id: 'M-PACKAGE',
    text: {
      zh: '移交数据包以接收方公钥加密并附清单，接收方须确认接收。',
      en: 'The handover package is encrypted to the recipient’s public key with a manifest, and the recipient acknowledges receipt.',
    },
    articles: ['PIPL Art. 22'],
  },
  'M-RECORDS': {
    id: 'M-RECORDS',
    text: {
      zh: '本评估报告及处理、提供记录至少保存三年，不随案件删除。',
      en: 'This assessment and the processing and provision records are kept at least three years and survive the case’s deletion.',
    },
    articles: ['PIPL Art. 56', 'NDSMR Art. 12'],
  },
};

function risks(input: PiiaInput): PiiaRisk[] {
  const { counts, facts, requirements, crossBorder } = input;
  const out: PiiaRisk[] = [];
  const handedOver = requirements.handoverPackage ? counts.customers - counts.byRoute.delete - counts.byRoute.hold : 0;
  if (counts.sensitiveCustomers > 0) {
    out.push({
      id: 'R-SENSITIVE',
      level: 'high',
      affected: counts.sensitiveCustomers,
      text: {
        zh: '敏感个人信息（身份证号、银行卡号等）一旦泄露，容易导致人格尊严受到侵害或人身、财产安全受到危害。',
        en: 'A leak of sensitive data (ID numbers, bank cards...) can easily harm the individuals’ dignity or their personal and property safety.',
      },
      measures: ['M-ENCRYPTION', 'M-ACCESS', 'M-NOTICE', ...(facts.policy.sensitive === 'separate-consent' ? ['M-SEPARATE-CONSENT'] : [])],
    });
  }
  if (counts.minors > 0) {
    out.push({
      id: 'R-MINORS',
      level: 'high',
      affected: counts.minors,
      text: { zh: '未成年人的个人信息属于敏感个人信息，须监护人同意。', en: 'Minors’ personal data is sensitive and needs the guardian’s consent.' },
      measures: ['M-GUARDIAN', 'M-ENCRYPTION'],
    });
  }
  if (crossBorder) {
    out.push({
      id: 'R-CROSS-BORDER',
      level: 'high',
      affected: counts.crossBorder,
      text: {
        zh: `个人信息将提供给境外接收方（${facts.recipientCountry ?? ''}），个人行使权利和获得救济更为困难。`,
        en: `Data would go to a recipient abroad (${facts.recipientCountry ?? ''}); exercising rights and seeking redress is harder.`,
      },
      measures: ['M-CROSS-BORDER', 'M-SEPARATE-CONSENT'],
    });
  }
  if (facts.purposeChange && requirements.handoverPackage) {
    out.push({
      id: 'R-PURPOSE-CHANGE',
      level: 'high',
      affected: handedOver,
      text: { zh: '接收方变更处理目的或方式，超出个人原先同意的范围。', en: 'The recipient changes the purpose or method beyond what the individuals agreed to.' },
      measures: ['M-SEPARATE-CONSENT', 'M-NOTICE'],
    });
  }
  if (counts.unreachable > 0) {
    out.push({
      id: 'R-UNREACHABLE',
      level: 'medium',
      affected: counts.unreachable,
      text: { zh: '无法联系的客户可能不知晓转移，无法及时行使权利。', en: 'Unreachable customers may not learn of the transfer in time to exercise their rights.' },
      measures: ['M-ANNOUNCEMENT'],
    });
  }
  const consent = CONSENT_ROUTES.reduce((sum, r) => sum + counts.byRoute[r], 0);
  if (consent > 0) {
    out.push({
      id: 'R-CONSENT',
      level: 'medium',
      affected: consent,
      text: { zh: '在未取得有效同意的情况下转移记录（例如把沉默当作同意）。', en: 'Records moving without valid consent (e.g. silence taken for consent).' },
      measures: ['M-SEPARATE-CONSENT', 'M-DELETION'],
    });
  }
  if (requirements.handoverPackage && handedOver > 0) {
    out.push({
      id: 'R-HANDOVER-LEAK',
      level: 'medium',
      affected: handedOver,
      text: { zh: '批量移交过程中数据包泄露或误投。', en: 'The bulk handover package leaks or goes to the wrong party.' },
      measures: ['M-PACKAGE', 'M-ENCRYPTION', 'M-ACCESS'],
    });
  }
  out.push({
    id: 'R-OVER-RETENTION',
    level: counts.onHold > 0 ? 'medium' : 'low',
    affected: counts.customers,
    text: {
      zh: '不再需要的个人信息未被及时删除，或留存超过法定期限。',
      en: 'Personal data no longer needed is not deleted in time, or is kept beyond the statutory period.',
    },
    measures: ['M-DELETION', ...(counts.onHold > 0 ? ['M-HOLD'] : []), 'M-MINIMISATION'],
  });
  return out;
}

function measures(risksFound: readonly PiiaRisk[]): PiiaMeasure[] {
  const ids = new Set<string>(['M-ENCRYPTION', 'M-MINIMISATION', 'M-ACCESS', 'M-NOTICE']);
  for (const risk of risksFound) for (const id of risk.measures) ids.add(id);
  ids.add('M-RECORDS');
  return [...ids].map((id) => MEASURES[id]).filter((m): m is PiiaMeasure => m !== undefined);
}

/** The PIIA of a case from its counts and requirements (pure: same input, same report). */
export function buildPiiaContent(input: PiiaInput): PiiaContent {
  const { facts, requirements, counts } = input;
  const foundRisks = risks(input);
  return {
    caseId: input.caseId,
    version: input.version,
    final: input.final,
    generatedAt: input.generatedAt.toISOString(),
    rulePack: { id: input.pack.id, version: input.pack.version },
    case: {
      kind: facts.kind,
      hasRecipient: facts.hasRecipient,
      recipientCountry: facts.hasRecipient ? (facts.recipientCountry ?? input.pack.homeCountries[0] ?? null) : null,
      crossBorder: input.crossBorder,
      purposeChange: facts.purposeChange,
      legalBasisDetermination: facts.legalBasisDetermination !== undefined,
    },
    counts,
    requirements: {
      piiaRequired: requirements.piia.required,
      articles: [...requirements.piia.articles],
      handoverPackage: requirements.handoverPackage,
      crossBorderMechanism: requirements.crossBorderMechanism,
      regulatorDisposalReport: requirements.regulatorDisposalReport,
      // Rule ids and articles only: a summary may quote a determination's author or note.
      reasons: requirements.reasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
    },
    assessment: {
      lawfulness: lawfulness(input),
      necessity: necessity(input),
      impact: impact(input),
      risks: foundRisks,
      measures: measures(foundRisks),
    },
  };
}

/** Two drafts say the same thing (ignoring version, time and final flag). */
export function samePiia(a: PiiaContent, b: PiiaContent): boolean {
  const strip = (c: PiiaContent) => ({ ...c, version: 0, generatedAt: '', final: false });
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function join(parts: ReadonlyArray<[string, string]>): { zh: string; en: string } {
  return { zh: parts.map(([zh]) => zh).join(''), en: parts.map(([, en]) => en).join(' ') };
}
