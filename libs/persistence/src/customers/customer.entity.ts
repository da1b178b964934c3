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
  /**
   * What the route decision depends on besides the case, as one string (routeSignatureBase): with
   * it, the filtered route writes select their customers in PostgreSQL (FerretDB v1 pushes string
   * equality down, not the `$in` / `$exists` of the signature filter), so each customer is decoded
   * once. Absent on customers imported before it existed: the writes notice and fall back.
   */
  routeSig?: string;
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
  /** Digest of the stored route fields and seal (routeKeyOf): equal means already written. */
  routeKey?: string;
  routeSig?: string;
}

/**
 * What a route decision depends on besides the case (docs/legal.md §1 modifiers 3-6): customers with
 * the same signature get the same route fields, so one filtered update writes them all.
 */
/** The part of a route signature known at import (the hold's running or expired depends on the date). */
export function routeSignatureBase(s: { minor: boolean; reachable: boolean; sensitive: boolean; hold: boolean }): string {
  return `m${+s.minor}r${+s.reachable}s${+s.sensitive}h${+s.hold}`;
}

export interface RouteSignature {
  minor: boolean;
  reachable: boolean;
  /** Has at least one of the rule pack's sensitive categories. */
  sensitive: boolean;
  /** Legal-hold candidate: none, still running on the decision date, or expired by then. */
  hold: 'none' | 'running' | 'expired';
}
