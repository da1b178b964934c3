/**
 * What the import derives from a validated customer: sensitive categories, minor status,
 * reachability, product lines and importance tier. Pure and deterministic: the reference date is
 * passed in (the import's start time), never read from a clock.
 */
import { daysBetween, isMinor } from './dates';
import { birthDateFromId } from './id-number';

/**
 * Sensitive categories (PIPL Art. 28; GB/T 35273 Annex B).
 *
 * A bank card yields BOTH `bank_card` (the column-level name docs/api.md uses) and `financial_account`
 * (the Art. 28 category "金融账户"): rule packs and reports written against either vocabulary match,
 * and a future column such as an e-wallet account can yield `financial_account` alone.
 */
export const SENSITIVE_CATEGORIES = [
  'id_number',
  'bank_card',
  'financial_account',
  'minor',
  'health',
  'biometric',
  'religion',
  'location',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export type CustomerTier = 'core' | 'regular' | 'potential' | 'dormant';

export interface TierRules {
  /** total_spent at or above which a customer is `core`. */
  coreSpent: number;
  /** total_spent at or above which a customer is `regular`. */
  regularSpent: number;
  /** A last purchase MORE than this many days before the reference date makes a customer `dormant`. */
  dormantAfterDays: number;
}

export const DEFAULT_TIER_RULES: Readonly<TierRules> = Object.freeze({
  coreSpent: 10_000,
  regularSpent: 1_000,
  dormantAfterDays: 730,
});

export const MINOR_AGE_THRESHOLD = 14;

export interface ClassificationInput {
  idNumber?: string;
  /** A birth date from the birth_date column ('YYYY-MM-DD'). */
  birthDate?: string;
  email?: string;
  phone?: string;
  bankCard?: string;
  health?: string;
  biometric?: string;
  religion?: string;
  location?: string;
  /** Product names, or the raw `;`/`；`-separated products field. */
  products?: readonly string[] | string;
  totalSpent?: number;
  /** 'YYYY-MM-DD' or ISO datetime. */
  lastPurchaseAt?: string;
}

export interface ClassifyOptions {
  /** Reference date for age and dormancy (use the import's start time for reproducible results). */
  at: string | Date;
  tierRules?: TierRules;
  minorAgeThreshold?: number;
}

export interface Classification {
  sensitive: SensitiveCategory[];
  minor: boolean;
  /** The birth date used: the ID number's when it has one, else the birth_date column's. */
  birthDate?: string;
  /** False when the customer has neither email nor phone (served by public notice). */
  reachable: boolean;
  productLines: string[];
  tier: CustomerTier;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Splits a products field on ASCII or full-width semicolons; trimmed, empties dropped, de-duplicated. */
export function splitProducts(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[;；]/)) {
    const name = part.trim();
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Lower-case slug; letters of any script are kept (金手镯 stays 金手镯), other runs become '-'. */
export function productSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function productLines(products: readonly string[] | string | undefined): string[] {
  const names = typeof products === 'string' ? splitProducts(products) : (products ?? []);
  const out: string[] = [];
  for (const name of names) {
    const slug = productSlug(name);
    if (slug !== '' && !out.includes(slug)) out.push(slug);
  }
  return out;
}

/**
 * Tier rule, first match wins:
 * 1. `dormant`  — the last purchase is more than `dormantAfterDays` days before the reference date
 *                 (whatever was spent: a lapsed big spender is still lapsed);
 * 2. `core`     — total_spent ≥ coreSpent;
 * 3. `regular`  — total_spent ≥ regularSpent;
 * 4. `potential`— everyone else: small spenders and customers who never bought (no last purchase,
 *                 nothing spent). Without a last-purchase date dormancy cannot be judged, so the
 *                 tier then follows the amount alone.
 */
export function tierOf(
  input: { totalSpent?: number; lastPurchaseAt?: string },
  at: string | Date,
  rules: TierRules = DEFAULT_TIER_RULES,
): CustomerTier {
  if (input.lastPurchaseAt !== undefined && daysBetween(input.lastPurchaseAt, at) > rules.dormantAfterDays) {
    return 'dormant';
  }
  const spent = input.totalSpent ?? 0;
  if (spent >= rules.coreSpent) return 'core';
  if (spent >= rules.regularSpent) return 'regular';
  return 'potential';
}

export function classify(input: ClassificationInput, options: ClassifyOptions): Classification {
  const threshold = options.minorAgeThreshold ?? MINOR_AGE_THRESHOLD;
  const idBirthDate = present(input.idNumber) ? birthDateFromId(input.idNumber) : null;
  const columnBirthDate = present(input.birthDate) ? input.birthDate : undefined;
  // Minor if EITHER source says so: the protective reading when the ID and the column disagree.
  const minor =
    (idBirthDate !== null && isMinor(idBirthDate, options.at, threshold)) ||
    (columnBirthDate !== undefined && isMinor(columnBirthDate, options.at, threshold));

  const sensitive: SensitiveCategory[] = [];
  if (present(input.idNumber)) sensitive.push('id_number');
  if (present(input.bankCard)) sensitive.push('bank_card', 'financial_account');
  if (minor) sensitive.push('minor');
  if (present(input.health)) sensitive.push('health');
  if (present(input.biometric)) sensitive.push('biometric');
  if (present(input.religion)) sensitive.push('religion');
  if (present(input.location)) sensitive.push('location');

  const birthDate = idBirthDate ?? columnBirthDate;
  return {
    sensitive,
    minor,
    ...(birthDate !== undefined ? { birthDate } : {}),
    reachable: present(input.email) || present(input.phone),
    productLines: productLines(input.products),
    tier: tierOf(input, options.at, options.tierRules),
  };
}
