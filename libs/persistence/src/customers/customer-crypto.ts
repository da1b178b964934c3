import { BlindIndex, canonicalJson, type FieldCipher, type MasterKey } from '@handover/crypto';
import type { CustomerType } from '@handover/domain';
import type { CustomerPersonalData } from './customer.entity';

/**
 * The case's blind index, derived from the MASTER key (HKDF info `blind-index:<caseId>`), not from
 * the case's data key. Why: the import activity, the admin API and the portal must all compute the
 * same index, and only the master key is available to every one of them without unwrapping the
 * case key (CaseKeyService hands out a FieldCipher, never the raw data key). Per-case derivation
 * keeps indexes of different cases uncorrelated. Consequence: shredding the case key does NOT make
 * the blind indexes meaningless; the deletion phase must delete the customer documents (or unset
 * the `*Bi` fields), which it does anyway (hard delete after crypto-shredding).
 */
export function caseBlindIndex(master: MasterKey, caseId: string): BlindIndex {
  return BlindIndex.fromDataKey(master.deriveKey(`blind-index:${caseId}`));
}

/** What a customer's persistence needs: the case's field cipher and blind index. */
export interface CustomerCrypto {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
}

/** `ref`: the blind index of the transferor's customer_id (32 hex chars). */
export const customerRef = (blindIndex: BlindIndex, customerId: string): string => blindIndex.compute('customer_id', customerId);

export const customerDocId = (caseId: string, ref: string): string => `${caseId}:${ref}`;

/** Every customer `_id` of a case: `<caseId>:<hex>`, and ';' sorts right after ':'. */
export const customerIdRange = (caseId: string): { $gt: string; $lt: string } => ({ $gt: `${caseId}:`, $lt: `${caseId};` });

/**
 * The case's customers as a filter: the `_id` range, and `caseId` equality, which FerretDB v1 pushes
 * down to PostgreSQL (a range is not): without it every such read decodes every case's customers.
 */
export const caseCustomersFilter = (caseId: string): { caseId: { $eq: string }; _id: { $gt: string; $lt: string } } => ({
  caseId: { $eq: caseId },
  _id: customerIdRange(caseId),
});

export const customerAad = (caseId: string, ref: string): string => `${caseId}:customer:${ref}`;

/**
 * HMAC of the canonical validated row (type + every personal and business field, keys sorted),
 * independent of the line, the import and the reference date. Two rows with the same customer_id
 * and the same hash are the same customer: a re-import counts them `unchanged`.
 */
export function customerRowHash(blindIndex: BlindIndex, type: CustomerType, personal: CustomerPersonalData): string {
  return blindIndex.compute('row-hash', canonicalJson({ type, personal }));
}
