import { ROUTES, type CustomerTier, type CustomerType, type Route } from '@handover/domain';
import type { PiiaCounts } from '@handover/mail';
import type { CustomerClassificationView } from '@handover/persistence';

const TYPES: readonly CustomerType[] = ['individual', 'enterprise'];
const TIERS: readonly CustomerTier[] = ['core', 'regular', 'potential', 'dormant'];

/** PIIA counts before the case facts are known; `crossBorder` is settled by {@link piiaCountsOf}. */
export interface PiiaTally {
  counts: PiiaCounts;
  /** Customers that would be handed over (`handover: true`): the cross-border figure if the recipient is abroad. */
  handover: number;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** An empty tally over these sensitive categories (the rule pack's and the domain's, each counted even at 0). */
export function emptyPiiaTally(categories: readonly string[]): PiiaTally {
  return {
    counts: {
      customers: 0,
      byType: zeros(TYPES),
      byTier: zeros(TIERS),
      sensitive: zeros(categories),
      sensitiveCustomers: 0,
      minors: 0,
      unreachable: 0,
      crossBorder: 0,
      byRoute: zeros<Route>(ROUTES),
      unrouted: 0,
      onHold: 0,
    },
    handover: 0,
  };
}

/**
 * Counts one customer into the tally: what the PIIA formerly asked of the database with one
 * countDocuments per figure (each a pass over the case on FerretDB), in one pass.
 * `packSensitive`: the rule pack's sensitive categories (a "sensitive customer" has one of them).
 */
export function tallyPiia(tally: PiiaTally, customer: CustomerClassificationView, packSensitive: readonly string[]): void {
  const c = tally.counts;
  c.customers += 1;
  if (customer.type in c.byType) c.byType[customer.type] += 1;
  if (customer.tier in c.byTier) c.byTier[customer.tier] += 1;
  for (const category of new Set(customer.sensitive)) if (category in c.sensitive) c.sensitive[category] = (c.sensitive[category] ?? 0) + 1;
  if (customer.sensitive.some((category) => packSensitive.includes(category))) c.sensitiveCustomers += 1;
  if (customer.minor) c.minors += 1;
  if (customer.reachable === false) c.unreachable += 1;
  if (customer.route === undefined) c.unrouted += 1;
  else if (customer.route in c.byRoute) c.byRoute[customer.route] += 1;
  if (customer.legalHold !== undefined) c.onHold += 1;
  if (customer.handover === true) tally.handover += 1;
}

/** The counts of the assessment, `crossBorder` filled when the recipient is abroad. */
export const piiaCountsOf = (tally: PiiaTally, crossBorder: boolean): PiiaCounts => ({ ...tally.counts, crossBorder: crossBorder ? tally.handover : 0 });
