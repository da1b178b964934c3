/**
 * EU-GDPR rule pack (docs/legal.md §10). GDPR has no M&A article: a transfer to a
 * successor rests on legitimate interests (Art. 6(1)(f), recital 47) with an Art. 13/14 notice,
 * so every kind with a successor is a notice route. Member-state law (holidays, retention
 * periods, the Art. 8 age) is configuration: copy the pack and change the data.
 */
import type { BaseRouteRule, RulePack } from '../pack-types';

const legitimateInterestNotice = (kind: string, label: string): BaseRouteRule => ({
  id: `eu-gdpr.route.${kind}`,
  article: 'GDPR Art. 6(1)(f), Art. 13-14',
  summary: `${label}: transfer on legitimate interests (balancing test recorded), Art. 13/14 notice; the customer may object (Art. 21)`,
  route: 'notice',
  handover: true,
  newProcessor: true,
  requiresRecipient: true,
  noticeAdditions: ['gdpr-art14-recipient-legitimate-interests'],
});

/** EU/EEA member states (GDPR applies through the EEA Agreement to IS, LI, NO). */
export const EEA_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
] as const;

/**
 * Countries with a general Art. 45 adequacy decision (Commission list, checked for 2026.1).
 * The US (EU-US Data Privacy Framework) is adequate only for certified organisations, so it is
 * deliberately absent: add it per case when the recipient is certified.
 */
export const EU_ADEQUATE_COUNTRIES = ['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY'] as const;

export const EU_GDPR_PACK: RulePack = {
  id: 'EU-GDPR',
  version: '2026.1',
  title: 'EU General Data Protection Regulation (EU) 2016/679',
  homeCountries: EEA_COUNTRIES,
  minorAgeThreshold: 16,
  sensitiveCategories: [
    'health', 'biometric', 'genetic', 'religion', 'racial_or_ethnic_origin', 'political_opinions', 'trade_union', 'sex_life',
    'sexual_orientation',
  ],
  routes: {
    byKind: {
      merger: legitimateInterestNotice('merger', 'merger'),
      division: legitimateInterestNotice('division', 'division'),
      dissolution: legitimateInterestNotice('dissolution', 'dissolution with a transferee'),
      bankruptcy: legitimateInterestNotice('bankruptcy', 'insolvency sale'),
      'asset-sale': legitimateInterestNotice('asset-sale', 'asset sale'),
      'equity-transfer': {
        id: 'eu-gdpr.route.equity-transfer',
        article: 'GDPR Art. 13(3), Art. 12(1)',
        summary: 'share deal: the controller is unchanged; inform of changed contact details only, no data moves',
        route: 'notice-of-change',
        handover: false,
        newProcessor: false,
        requiresRecipient: false,
        noticeAdditions: [],
      },
      'branch-deregistration': {
        id: 'eu-gdpr.route.branch-deregistration.head-office',
        article: 'GDPR Art. 13(3)',
        summary: 'branch closes: data returns to the head office (same controller): notice of change',
        route: 'notice-of-change',
        handover: true,
        newProcessor: false,
        requiresRecipient: true,
        noticeAdditions: [],
      },
    },
    assetSaleWithDetermination: null,
    branchToOtherEntity: {
      id: 'eu-gdpr.route.branch-deregistration.other-entity',
      article: 'GDPR Art. 6(1)(f)',
      summary: 'branch closes and another controller receives the data: treated as an asset sale',
      treatAs: 'asset-sale',
    },
    noRecipient: {
      id: 'eu-gdpr.route.no-recipient',
      article: 'GDPR Art. 17(1)(a), Art. 5(1)(e)',
      summary: 'no successor: the data is no longer necessary, erase everything not under a legal obligation to keep',
      route: 'delete',
      handover: false,
      newProcessor: false,
      requiresRecipient: false,
      noticeAdditions: [],
    },
    retentionExpired: {
      id: 'eu-gdpr.route.retention-expired',
      article: 'GDPR Art. 5(1)(e), Art. 17(1)(a)',
      summary: 'storage limitation: the retention period has expired, erase, never transfer',
      route: 'delete',
      handover: false,
      newProcessor: false,
      requiresRecipient: false,
      noticeAdditions: [],
    },
  },
  modifiers: {
    purposeChange: {
      id: 'eu-gdpr.modifier.purpose-change',
      article: 'GDPR Art. 6(4), Art. 6(1)(a)',
      summary: 'new purpose not compatible with the original: consent for the new purpose',
      route: 'separate-consent',
      noticeAdditions: [],
      unchangedProcessor: {
        id: 'eu-gdpr.modifier.purpose-change.unchanged-controller',
        article: 'GDPR Art. 6(4), Art. 13(3)',
        summary: 'purpose change by an unchanged controller: compatibility test or consent before any new use; route unchanged',
      },
    },
    crossBorder: {
      id: 'eu-gdpr.modifier.third-country',
      article: 'GDPR Art. 44, Art. 13(1)(f), Art. 14(1)(f)',
      summary: 'recipient outside the EEA: Chapter V transfer tool; the notice names the country and the safeguards',
      route: null,
      noticeAdditions: ['gdpr-art13-14-third-country-transfer'],
    },
    minor: {
      id: 'eu-gdpr.modifier.minor',
      article: 'GDPR Art. 8(1)',
      summary: 'child under the Art. 8 age (pack default 16): holder of parental responsibility consents (product policy policy.minors)',
    },
    sensitive: {
      notice: {
        id: 'eu-gdpr.modifier.special-categories.notice',
        article: 'GDPR Art. 9(1), Art. 13-14',
        summary: 'special categories of data: the notice names them; an Art. 9(2) condition must be recorded',
        noticeAdditions: ['gdpr-art9-special-categories'],
      },
      consentPolicy: {
        id: 'eu-gdpr.modifier.special-categories.explicit-consent',
        article: 'GDPR Art. 9(2)(a)',
        summary: 'case policy policy.sensitive = separate-consent: explicit consent for special categories',
      },
    },
    unreachable: {
      announcement: {
        id: 'eu-gdpr.modifier.unreachable.public-information',
        article: 'GDPR Art. 14(5)(b)',
        summary: 'individual information impossible: the information is made publicly available',
      },
      notTransferable: {
        id: 'eu-gdpr.modifier.unreachable.not-transferable',
        article: 'GDPR Art. 7(1), Art. 4(11)',
        summary: 'consent cannot be obtained from an unreachable person: not transferred',
      },
    },
    legalHold: {
      hold: {
        id: 'eu-gdpr.modifier.legal-hold',
        article: 'GDPR Art. 17(3)(b), Art. 18',
        summary: 'legal obligation to retain: not erased, restricted to storage until the obligation ends',
      },
      fallback: {
        id: 'eu-gdpr.modifier.legal-hold.fallback',
        article: 'GDPR Art. 17(3)(b)',
        summary: 'legal obligation to retain: if not transferred, kept restricted until the obligation ends, never erased',
      },
      expired: {
        id: 'eu-gdpr.modifier.legal-hold.expired',
        article: 'GDPR Art. 5(1)(e)',
        summary: 'the retention obligation has ended: no effect on the route',
      },
    },
  },
  crossBorder: {
    id: 'eu-gdpr.case.transfer-tool',
    article: 'GDPR Art. 44-46',
    summary: 'Chapter V transfer tool recorded before the handover gate',
    model: 'adequacy-list',
    adequateCountries: EU_ADEQUATE_COUNTRIES,
    adequate: 'adequacy-decision',
    otherwise: 'appropriate-safeguards',
  },
  piia: {
    id: 'eu-gdpr.case.dpia',
    article: 'GDPR Art. 35',
    summary: 'data protection impact assessment where the transfer involves special categories (conservative: scale not quantified)',
    triggers: { providesToOtherProcessor: null, sensitive: 'GDPR Art. 35(3)(b)', crossBorder: null },
  },
  disposalReport: null,
  // Retention periods come from member-state law (commercial and tax codes); configure per case.
  retentionRules: [],
  requestSla: {
    id: 'eu-gdpr.request.sla',
    article: 'GDPR Art. 12(3)',
    summary: 'one month from receipt, extendable by two further months with reasons given within the first month',
    unit: 'calendar-months',
    amount: 1,
    extension: { months: 2, article: 'GDPR Art. 12(3) (second sentence)' },
    rollForwardToWorkingDay: true,
  },
  incidents: {
    tiers: [],
    reportableWhen: 'risk',
    containment: { offset: 'PT1H', article: 'GDPR Art. 33(3)(d), Art. 32 (product default 1 h)' },
    authorityReport: {
      whenReportable: {
        offsetByOperator: { ordinary: 'PT72H', ciio: 'PT72H', 'state-organ': 'PT72H' },
        article: 'GDPR Art. 33(1)',
      },
      whenNotReportable: null,
    },
    individualNotice: { offset: 'PT72H', article: 'GDPR Art. 34(1) ("without undue delay"; product default 72 h)', when: 'high-risk' },
    summaryReport: null,
  },
};
