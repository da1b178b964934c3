import { DEFAULT_HANDOVER_FIELDS, HANDOVER_FIELDS, type HandoverField } from '@handover/contracts';
import type { CustomerPersonalData } from '@handover/persistence';

export class HandoverFieldsError extends Error {
  override readonly name = 'HandoverFieldsError';
}

const isField = (value: unknown): value is HandoverField => typeof value === 'string' && (HANDOVER_FIELDS as readonly string[]).includes(value);

/**
 * The fields the package carries (minimisation): the case's `policy.handoverFields` when set, else
 * DEFAULT_HANDOVER_FIELDS; in HANDOVER_FIELDS order whatever the order given. An unknown name is an
 * error (a typo must not silently drop or add a field); the message names the position, not a value.
 */
export function handoverFieldsOf(policy: unknown): HandoverField[] {
  const configured = typeof policy === 'object' && policy !== null ? (policy as { handoverFields?: unknown }).handoverFields : undefined;
  if (configured === undefined) return HANDOVER_FIELDS.filter((field) => DEFAULT_HANDOVER_FIELDS.includes(field));
  if (!Array.isArray(configured) || configured.length === 0) throw new HandoverFieldsError('policy.handoverFields must be a non-empty array of field names');
  configured.forEach((value: unknown, i) => {
    if (!isField(value)) throw new HandoverFieldsError(`policy.handoverFields[${i}] is not one of ${HANDOVER_FIELDS.join(', ')}`);
  });
  return HANDOVER_FIELDS.filter((field) => configured.includes(field));
}

/** One package record: the opaque ref and route, then only the chosen fields that have a value. */
export function packageRecord(
  customer: { ref: string; route?: string | undefined; type: string },
  personal: CustomerPersonalData,
  fields: readonly HandoverField[],
): Record<string, unknown> {
  const record: Record<string, unknown> = { ref: customer.ref, route: customer.route ?? null };
  for (const field of fields) {
    const value = field === 'type' ? customer.type : (personal as unknown as Record<string, unknown>)[field];
    if (value === undefined || value === null || value === '') continue;
    if (field === 'extra' && typeof value === 'object' && Object.keys(value).length === 0) continue;
    record[field] = value;
  }
  return record;
}
