/**
 * The category vocabulary of an incident (`categories` of POST /v1/incidents), matched against the
 * inventory to find the affected customers:
 *
 * - the inventory's sensitive categories (PIPL Art. 28, derived at import into `customers.sensitive`):
 *   `id_number`, `bank_card`, `financial_account`, `minor`, `health`, `biometric`, `religion`,
 *   `location` — a customer is affected when its `sensitive` holds ANY of the incident's categories;
 * - whole-inventory categories, held for every customer of the inventory: `contact` (name, email,
 *   phone, address), `transactions` (products, purchases, spending), `all` (the whole record) —
 *   when the incident names any of them, EVERY customer of the case is affected.
 */
import { SENSITIVE_CATEGORIES, type SensitiveCategory } from '../../inventory/classification';

export const WHOLE_INVENTORY_CATEGORIES = ['contact', 'transactions', 'all'] as const;
export type WholeInventoryCategory = (typeof WHOLE_INVENTORY_CATEGORIES)[number];

export const INCIDENT_CATEGORIES = [...SENSITIVE_CATEGORIES, ...WHOLE_INVENTORY_CATEGORIES] as const;
export type IncidentCategory = SensitiveCategory | WholeInventoryCategory;

export const isIncidentCategory = (value: string): value is IncidentCategory => (INCIDENT_CATEGORIES as readonly string[]).includes(value);

/** Who in the inventory is affected: everyone, or customers holding any of these sensitive categories. */
export type AffectedScope = { kind: 'all' } | { kind: 'sensitive'; sensitiveAny: SensitiveCategory[] };

export function affectedScope(categories: readonly string[]): AffectedScope {
  if (categories.length === 0) throw new RangeError('an incident names at least one category');
  const unknown = categories.filter((c) => !isIncidentCategory(c));
  if (unknown.length > 0) throw new RangeError(`unknown incident categories: ${unknown.join(', ')} (known: ${INCIDENT_CATEGORIES.join(', ')})`);
  if (categories.some((c) => (WHOLE_INVENTORY_CATEGORIES as readonly string[]).includes(c))) return { kind: 'all' };
  return { kind: 'sensitive', sensitiveAny: [...new Set(categories as SensitiveCategory[])] };
}
