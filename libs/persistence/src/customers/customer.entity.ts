import type {
  Classification,
  CustomerType,
  LegalHold,
  NoticeAddition,
  NoticeChannel,
  PersonalFields,
  Route,
  SensitiveCategory,
  CustomerTier,
} from '@handover/domain';

/**
 * Everything personal about a customer, as one JSON value encrypted into `personalEnc`
 * (never persisted or logged in clear). `customerId` is the transferor's own id: personal too,
 * because it links to the transferor's other systems.
 */
export interface CustomerPersonalData extends PersonalFields {
  customerId: string;
  products: string[];
  lastPurchaseAt?: string;
  totalSpent?: number;
  /** Unknown columns of the inventory, by header name. */
  extra: Record<string, string>;
}

/** A validated inventory row on its way into the `customers` collection (plaintext, in memory only). */
export interface CustomerImportRow {
  caseId: string;
  importId: string;
  /** The row's line in the uploaded file. */
  line: number;
  type: CustomerType;
  personal: CustomerPersonalData;
  classification: Pick<Classification, 'sensitive' | 'minor' | 'reachable' | 'productLines' | 'tier'>;
  legalHold: LegalHold | null;
}

/** The route fields decideRoutes writes on each customer (rule ids and articles, no personal data). */
export interface CustomerRouteFields {
  route: Route;
  transferable: boolean;
  handover: boolean;
  noticeChannel: NoticeChannel;
  noticeAdditions: NoticeAddition[];
  routeReasons: Array<{ ruleId: string; article: string }>;
  rulePackVersion: string;
}

/**
 * The plaintext classification of a customer: what the rule engine and the counts need, readable
 * without the case key (no decryption on the route and PIIA paths).
 */
export interface CustomerClassificationView {
  id: string;
  type: CustomerType;
  tier: CustomerTier;
  sensitive: SensitiveCategory[];
  minor: boolean;
  reachable: boolean;
  legalHold?: LegalHold;
  route?: Route;
  transferable?: boolean;
  /** Would be handed over to the recipient (route decided). */
  handover?: boolean;
  noticeChannel?: NoticeChannel;
  routeSealed?: boolean;
}

/**
 * What a route decision depends on besides the case (docs/legal.md §1 modifiers 3-6): customers with
 * the same signature get the same route fields, so one filtered update writes them all.
 */
export interface RouteSignature {
  minor: boolean;
  reachable: boolean;
  /** Has at least one of the rule pack's sensitive categories. */
  sensitive: boolean;
  /** Legal-hold candidate: none, still running on the decision date, or expired by then. */
  hold: 'none' | 'running' | 'expired';
}
