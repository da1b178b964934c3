/**
 * CN-PIPL rule pack (docs/legal.md §1, §6, §7, §9, §11).
 * Product defaults are marked as such; confidence tags (V/V2/R/I) follow docs/legal.md §11.
 */
import type { BaseRouteRule, RulePack } from '../pack-types';

const art22Notice = (kind: string, label: string): BaseRouteRule => ({
  id: `cn-pipl.route.${kind}`,
  article: 'PIPL Art. 22',
  summary: `${label}: notify the recipient's name and contact; the customer may object during the waiting period`,
  route: 'notice',
  handover: true,
  newProcessor: true,
  requiresRecipient: true,
  noticeAdditions: [],
});

const assetSale: BaseRouteRule = {
  id: 'cn-pipl.route.asset-sale',
  article: 'PIPL Art. 23',
  summary: 'asset sale (seller survives): provision to another processor needs separate consent (conservative reading, docs/legal.md §11)',
  route: 'separate-consent',
  handover: true,
  newProcessor: true,
  requiresRecipient: true,
  noticeAdditions: ['art23-purpose-method-categories'],
};

export const CN_PIPL_PACK: RulePack = {
  id: 'CN-PIPL',
  version: '2026.1',
  title: 'PRC Personal Information Protection Law and related rules',
  homeCountries: ['CN'],
  minorAgeThreshold: 14,
  sensitiveCategories: ['id_number', 'bank_card', 'financial_account', 'health', 'biometric', 'religion', 'location', 'minor', 'specific_identity'],
  routes: {
    byKind: {
      merger: art22Notice('merger', 'merger'),
      division: art22Notice('division', 'division'),
      dissolution: art22Notice('dissolution', 'dissolution with a transferee'),
      bankruptcy: art22Notice('bankruptcy', 'bankruptcy with a buyer of the data assets'),
      'asset-sale': assetSale,
      'equity-transfer': {
        id: 'cn-pipl.route.equity-transfer',
        article: 'PIPL Art. 17(2)',
        summary: 'equity transfer: the processor is unchanged; notify the changed items only, no data moves, no handover package',
        route: 'notice-of-change',
        handover: false,
        newProcessor: false,
        requiresRecipient: false,
        noticeAdditions: [],
      },
      'branch-deregistration': {
        id: 'cn-pipl.route.branch-deregistration.head-office',
        article: 'PIPL Art. 47, Art. 17(2)',
        summary: 'branch deregistration: data returns to the head office (same legal person): notice of change',
        route: 'notice-of-change',
        handover: true,
        newProcessor: false,
        requiresRecipient: true,
        noticeAdditions: [],
      },
    },
    assetSaleWithDetermination: {
      id: 'cn-pipl.route.asset-sale.art22-determination',
      article: 'PIPL Art. 22',
      summary: 'asset sale with a recorded legal determination that Art. 22 ("等原因") applies: notice',
      route: 'notice',
      handover: true,
      newProcessor: true,
      requiresRecipient: true,
      noticeAdditions: [],
    },
    branchToOtherEntity: {
      id: 'cn-pipl.route.branch-deregistration.other-entity',
      article: 'PIPL Art. 47, Art. 23',
      summary: 'branch deregistration with another legal entity as recipient: treated as an asset sale',
      treatAs: 'asset-sale',
    },
    noRecipient: {
      id: 'cn-pipl.route.no-recipient',
      article: 'PIPL Art. 47(1)(2); GB/T 35273 §9.3c, §6.4',
      summary: 'no recipient: the processor stops the service, delete everything not on legal hold, then tell customers',
      route: 'delete',
      handover: false,
      newProcessor: false,
      requiresRecipient: false,
      noticeAdditions: [],
    },
    retentionExpired: {
      id: 'cn-pipl.route.retention-expired',
      article: 'PIPL Art. 47(1)(2), Art. 19',
      summary: 'the retention period of the record has expired: delete, never transfer',
      route: 'delete',
      handover: false,
      newProcessor: false,
      requiresRecipient: false,
      noticeAdditions: [],
    },
  },
  modifiers: {
    purposeChange: {
      id: 'cn-pipl.modifier.purpose-change',
      article: 'PIPL Art. 22 (last sentence), Art. 23, Art. 14(2)',
      summary: 'the recipient changes the purpose or method: consent must be obtained anew (separate consent)',
      route: 'separate-consent',
      noticeAdditions: ['art23-purpose-method-categories'],
      unchangedProcessor: {
        id: 'cn-pipl.modifier.purpose-change.unchanged-processor',
        article: 'PIPL Art. 14(2)',
        summary: 'purpose change declared but the processor is unchanged and nothing moves: re-consent before any new use; route unchanged',
      },
    },
    crossBorder: {
      id: 'cn-pipl.modifier.cross-border',
      article: 'PIPL Art. 39, Art. 38',
      summary: 'recipient outside mainland China: separate consent; the notice names the foreign recipient and how to exercise rights against it',
      route: 'separate-consent',
      noticeAdditions: ['art23-purpose-method-categories', 'art39-foreign-rights'],
    },
    minor: {
      id: 'cn-pipl.modifier.minor',
      article: 'PIPL Art. 31, Art. 28',
      summary: 'minor under 14: consent of a parent or guardian (product policy policy.minors)',
    },
    sensitive: {
      notice: {
        id: 'cn-pipl.modifier.sensitive.notice',
        article: 'PIPL Art. 30, Art. 28',
        summary: 'sensitive personal information: the notice adds the necessity and the impact on the individual',
        noticeAdditions: ['art30-necessity-impact'],
      },
      consentPolicy: {
        id: 'cn-pipl.modifier.sensitive.separate-consent',
        article: 'PIPL Art. 29',
        summary: 'case policy policy.sensitive = separate-consent: sensitive records need separate consent',
      },
    },
    unreachable: {
      announcement: {
        id: 'cn-pipl.modifier.unreachable.announcement',
        article: 'NDSMR Art. 11; GB/T 35273 §6.4',
        summary: 'no email and no phone: the notice is served by public announcement',
      },
      notTransferable: {
        id: 'cn-pipl.modifier.unreachable.not-transferable',
        article: 'PIPL Art. 14, Art. 23',
        summary: 'no email and no phone on a consent route: consent cannot be obtained (silence is never consent), not transferred',
      },
    },
    legalHold: {
      hold: {
        id: 'cn-pipl.modifier.legal-hold',
        article: 'PIPL Art. 47 (last sentence)',
        summary: 'statutory retention still running: never deleted, storage and security only, with a custodian until the hold ends',
      },
      fallback: {
        id: 'cn-pipl.modifier.legal-hold.fallback',
        article: 'PIPL Art. 47 (last sentence)',
        summary: 'statutory retention running: if the record is not transferred it is kept in storage only until the hold ends, never deleted',
      },
      expired: {
        id: 'cn-pipl.modifier.legal-hold.expired',
        article: 'PIPL Art. 47(1)(2)',
        summary: 'the legal hold has ended: no effect on the route',
      },
    },
  },
  crossBorder: {
    id: 'cn-pipl.case.cross-border-mechanism',
    article: 'PIPL Art. 38; Provisions on Promoting and Regulating Cross-border Data Flows (2024) Art. 5, 7, 8',
    summary: 'transfer mechanism recorded before the handover gate, by people exported since 1 January',
    model: 'volume-thresholds',
    tiers: [
      { mechanism: 'cac-security-assessment', minPeople: 1_000_000, minSensitivePeople: 10_000 },
      // 2024 Provisions Art. 8: "不满1万人敏感个人信息" also needs a standard contract or certification;
      // the exemption of Art. 5 covers only < 100,000 people's non-sensitive data.
      { mechanism: 'standard-contract-or-certification', minPeople: 100_000, minSensitivePeople: 1 },
    ],
    otherwise: 'exempt',
    unknownVolume: 'cac-security-assessment',
  },
  piia: {
    id: 'cn-pipl.case.piia',
    article: 'PIPL Art. 55, Art. 56',
    summary: 'personal-information protection impact assessment before the transfer; report kept ≥ 3 years',
    triggers: {
      providesToOtherProcessor: 'PIPL Art. 55(3)',
      sensitive: 'PIPL Art. 55(1)',
      crossBorder: 'PIPL Art. 55(4)',
    },
  },
  disposalReport: {
    id: 'cn-pipl.case.ndsmr-disposal-report',
    article: 'NDSMR Art. 28, Art. 32',
    summary: '≥ 10 million people: report the data disposal plan and the recipient to a provincial-level authority',
    minPeople: 10_000_000,
    kinds: ['merger', 'division', 'dissolution', 'bankruptcy'],
  },
  retentionRules: [
    {
      id: 'cn-pipl.retention.accounting-archives',
      article: 'Accounting Archives Measures (会计档案管理办法) Art. 14, 15 and annex',
      summary: 'accounting vouchers and ledgers: 30 years',
      period: { years: 30 },
      from: 'first day after the end of the fiscal year (Art. 15)',
      appliesTo: 'all companies',
      status: 'R',
    },
    {
      id: 'cn-pipl.retention.aml-precious-metals',
      article: 'Anti-Money Laundering Law; PBOC Yinfa [2025] No. 124',
      summary: 'customer due-diligence and large-cash-transaction records of precious-metal and gem dealers: at least 10 years',
      period: { years: 10 },
      from: 'end of the business relationship or of the one-off transaction',
      appliesTo: 'jewellery / precious-metal dealers (cash deals ≥ RMB 100,000)',
      status: 'R',
    },
    {
      id: 'cn-pipl.retention.ecommerce-platform-transactions',
      article: 'E-Commerce Law Art. 31',
      summary: 'goods, service and transaction information on an e-commerce platform: at least 3 years',
      period: { years: 3 },
      from: 'completion of the transaction',
      appliesTo: 'e-commerce platform operators',
      status: 'V2',
    },
    {
      id: 'cn-pipl.retention.network-logs',
      article: 'Cybersecurity Law Art. 21',
      summary: 'network logs: at least 6 months',
      period: { months: 6 },
      from: 'creation of the log',
      appliesTo: 'network operators',
      status: 'R',
    },
    {
      id: 'cn-pipl.retention.piia-and-sharing-records',
      article: 'PIPL Art. 56; NDSMR Art. 12',
      summary: 'PIIA reports, processing and provision records: at least 3 years',
      period: { years: 3 },
      from: 'creation of the report or record',
      appliesTo: 'all processors',
      status: 'V',
    },
  ],
  requestSla: {
    id: 'cn-pipl.request.sla',
    article: 'PIPL Art. 45, Art. 50 ("promptly"); product default per GB/T 35273 §8.5',
    summary: 'data-subject requests answered within 15 working days (configurable)',
    unit: 'working-days',
    amount: 15,
    extension: null,
    rollForwardToWorkingDay: false,
  },
  incidents: {
    tiers: [
      { tier: 'larger', minAffected: 1_000_000, article: 'CAC Incident Reporting Measures (2025) Annex: ≥ 1M people 较大' },
      { tier: 'major', minAffected: 10_000_000, article: 'CAC Incident Reporting Measures (2025) Annex: ≥ 10M people 重大' },
      { tier: 'especially-major', minAffected: 100_000_000, article: 'CAC Incident Reporting Measures (2025) Annex: ≥ 100M people 特别重大' },
    ],
    reportableWhen: 'tier',
    containment: { offset: 'PT1H', article: 'PIPL Art. 57 ("immediately remediate"; product default 1 h)' },
    authorityReport: {
      whenReportable: {
        offsetByOperator: { ordinary: 'PT4H', ciio: 'PT1H', 'state-organ': 'PT2H' },
        article: 'CAC Incident Reporting Measures (2025) Art. 4',
      },
      whenNotReportable: { offset: 'PT4H', article: 'PIPL Art. 57 ("immediately"; product default 4 h)' },
    },
    individualNotice: {
      offset: 'PT24H',
      article: 'PIPL Art. 57; NDSMR Art. 11 (product default 24 h)',
      when: 'unless-harm-avoided',
    },
    summaryReport: { offset: 'P30D', article: 'CAC Incident Reporting Measures (2025) Art. 8' },
  },
};
