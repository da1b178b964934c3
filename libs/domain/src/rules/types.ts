/** Public vocabulary of the legal rule engine (docs/legal.md §1, docs/api.md). */

export const CASE_KINDS = [
  'bankruptcy',
  'merger',
  'division',
  'dissolution',
  'asset-sale',
  'equity-transfer',
  'branch-deregistration',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const ROUTES = ['notice', 'separate-consent', 'guardian-consent', 'notice-of-change', 'delete', 'hold'] as const;
export type Route = (typeof ROUTES)[number];

/** Routes on which the record moves only after the customer (or guardian) says yes. */
export const CONSENT_ROUTES: readonly Route[] = ['separate-consent', 'guardian-consent'];

export const JURISDICTIONS = ['CN-PIPL', 'EU-GDPR'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export type NoticeChannel = 'individual' | 'public-announcement';

/** Extra sections a notice must carry; the notice templates key their paragraphs on these. */
export type NoticeAddition =
  /** PIPL Art. 23 / 39: purpose, method and categories of personal information. */
  | 'art23-purpose-method-categories'
  /** PIPL Art. 30: why the sensitive data is necessary and its impact on the individual. */
  | 'art30-necessity-impact'
  /** PIPL Art. 39: the foreign recipient and how to exercise rights against it. */
  | 'art39-foreign-rights'
  /** GDPR Art. 14(1)-(2): source, recipient, legitimate interests relied on. */
  | 'gdpr-art14-recipient-legitimate-interests'
  /** GDPR Art. 13(1)(f) / 14(1)(f): third-country transfer and its safeguards. */
  | 'gdpr-art13-14-third-country-transfer'
  /** GDPR Art. 9: special categories of personal data involved. */
  | 'gdpr-art9-special-categories';

/** Why the engine decided something: always the rule id and the article. */
export interface RuleReason {
  ruleId: string;
  article: string;
  summary: string;
}

export interface LegalBasisDetermination {
  /** A recorded legal opinion that PIPL Art. 22 ("等原因") covers this asset sale. */
  basis: 'art22';
  author: string;
  note: string;
}

export interface CasePolicy {
  minors: 'guardian-consent' | 'separate-consent';
  sensitive: 'notice' | 'separate-consent';
}

export const DEFAULT_CASE_POLICY: Readonly<CasePolicy> = Object.freeze({ minors: 'guardian-consent', sensitive: 'notice' });

export interface CaseFacts {
  kind: CaseKind;
  jurisdiction: Jurisdiction;
  hasRecipient: boolean;
  /** ISO 3166-1 alpha-2; absent = the pack's home country (CN / an EEA state). */
  recipientCountry?: string;
  /**
   * branch-deregistration only: true (or absent) = data returns to the head office (same legal
   * person); false = the recipient is another legal entity (treated as an asset sale).
   */
  recipientIsSameLegalEntity?: boolean;
  /** The recipient declared a change of purpose or method (PIPL Art. 22, last sentence). */
  purposeChange: boolean;
  legalBasisDetermination?: LegalBasisDetermination;
  policy: CasePolicy;
  /** People whose data would cross the border / move (for the Art. 38 thresholds). */
  totalCustomers?: number;
  /** Of those, people with sensitive personal information. */
  sensitiveCustomers?: number;
}

export interface LegalHold {
  /** Id of the pack's retention rule (e.g. 'cn-pipl.retention.accounting-archives'). */
  ruleId: string;
  /** ISO date (YYYY-MM-DD) on which the statutory retention ends. */
  until: string;
}

export interface CustomerFacts {
  /** Under the pack's minor age threshold (14 for CN-PIPL, 16 for EU-GDPR by default). */
  minor: boolean;
  /** Sensitive categories found on the record: 'id_number', 'bank_card', 'health', 'biometric', 'religion', 'location', 'minor', … */
  sensitive: string[];
  /** Has an email or a phone number. */
  reachable: boolean;
  legalHold?: LegalHold | null;
  /** The record's own retention period has expired (PIPL Art. 47(1)(2)). */
  retentionExpired?: boolean;
}

export interface DecideRouteOptions {
  /**
   * Reference instant for "is the legal hold still running". Absent = every hold given is
   * treated as running (safe default: never delete; workflows must not read the clock).
   */
  asOf?: Date;
}

export interface RouteDecision {
  jurisdiction: Jurisdiction;
  packVersion: string;
  route: Route;
  /**
   * The record may end up with the successor (or stay with the unchanged processor) once the
   * route's condition is met. false = it can never move: delete, hold, or an unreachable
   * customer on a consent route. Not transferred → deleted unless `legalHold` is set.
   */
  transferable: boolean;
  /** The record goes into the handover package (false for equity-transfer, delete, hold). */
  handover: boolean;
  noticeChannel: NoticeChannel;
  noticeAdditions: NoticeAddition[];
  /** A running legal hold: the record is never deleted before `until` (storage and security only). */
  legalHold: LegalHold | null;
  reasons: RuleReason[];
}

export type CrossBorderMechanism =
  /** CN: CAC security assessment (≥ 1,000,000 people or ≥ 10,000 with sensitive data). */
  | 'cac-security-assessment'
  /** CN: CAC standard contract or PI-protection certification. */
  | 'standard-contract-or-certification'
  /** CN: below every threshold (2024 cross-border provisions). */
  | 'exempt'
  /** EU: adequacy decision covers the recipient's country (GDPR Art. 45). */
  | 'adequacy-decision'
  /** EU: standard contractual clauses, BCRs or another Art. 46 safeguard. */
  | 'appropriate-safeguards';

export interface CaseRequirements {
  jurisdiction: Jurisdiction;
  packVersion: string;
  /** A handover package is built (false for equity-transfer and cases without a recipient). */
  handoverPackage: boolean;
  /** null = no cross-border transfer; otherwise recorded before the handover gate. */
  crossBorderMechanism: CrossBorderMechanism | null;
  /** PIPL Art. 55 PIIA (EU: Art. 35 DPIA) before any transfer, with the triggering articles. */
  piia: { required: boolean; articles: string[] };
  /** NDSMR Art. 28/32: disposal plan + recipient reported to a provincial authority. */
  regulatorDisposalReport: boolean;
  reasons: RuleReason[];
}
