import type { FieldCipher, BlindIndex } from '@handover/crypto';
import {
  classify,
  isExportOnlyColumn,
  REJECTION_ID_COLUMN,
  legalHoldFor,
  longestHold,
  MINOR_AGE_THRESHOLD,
  REJECTION_REASONS,
  ROW_FIELD,
  validateRow,
  type LegalHold,
  type RulePack,
  type TierRules,
  type ValidatedCustomer,
} from '@handover/domain';
import type { ParsedRow } from '@handover/ingest';
import { rejectionAad, routeSignatureBase, toCustomerDocument, type CustomerDocument, type CustomerImportRow, type CustomerPersonalData } from '@handover/persistence';

/** A row ready to write: a customer document, or a quarantined row with its ciphertext. */
export type PreparedRow = (
  | { kind: 'customer'; line: number; doc: CustomerDocument; record: Readonly<Record<string, string>> }
  | { kind: 'rejection'; line: number; field: string; reason: string; rawEnc: string }
) & {
  /** The quarantine entry this row corrects (its `rejection_id` column, from the rejected-rows export). */
  replaces?: string;
};

const REJECTION_ID = /^[A-Za-z0-9_-]{1,64}:[0-9]{10}$/;

/**
 * The record without the rejected-rows export's own columns (never attributes of the customer),
 * and the quarantine entry it replaces when its `rejection_id` is well-formed.
 */
function withoutReplacement(record: Readonly<Record<string, string>>): { record: Readonly<Record<string, string>>; replaces?: string } {
  if (!Object.keys(record).some(isExportOnlyColumn)) return { record };
  // A null-prototype copy, like the parsers' records (a column named `constructor` stays a column).
  const rest: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(record)) if (!isExportOnlyColumn(key)) rest[key] = value;
  const id = (Object.prototype.hasOwnProperty.call(record, REJECTION_ID_COLUMN) ? record[REJECTION_ID_COLUMN] ?? '' : '').trim();
  return { record: rest, ...(REJECTION_ID.test(id) && { replaces: id }) };
}

export interface RowPreparerOptions {
  caseId: string;
  importId: string;
  pack: RulePack;
  /** The import's start time: the reference date of minor status, dormancy and legal holds. */
  at: Date;
  /** Retention rule ids of the pack that apply to this transferor (case policy `retention`). */
  retentionRules: readonly string[];
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  tierRules?: TierRules;
  /** Offset for datetimes without one (minutes east of UTC). */
  defaultOffsetMinutes: number;
}

/**
 * ParsedRow → PreparedRow: validation, classification, legal-hold candidates and encryption.
 * Synchronous and CPU-only, so it runs while the previous batch is being written.
 */
export class RowPreparer {
  constructor(private readonly o: RowPreparerOptions) {}

  prepare(row: ParsedRow): PreparedRow {
    if (row.error) return this.rejection(row.line, ROW_FIELD, row.error.reason, row.raw);
    const { record, replaces } = withoutReplacement(row.record);
    const prepared = this.validated(row.line, record);
    return replaces === undefined ? prepared : { ...prepared, replaces };
  }

  private validated(line: number, record: Readonly<Record<string, string>>): PreparedRow {
    const row = { line, record };
    const result = validateRow(row.record, {
      line: row.line,
      at: this.o.at,
      defaultOffsetMinutes: this.o.defaultOffsetMinutes,
      ...(this.o.tierRules && { tierRules: this.o.tierRules }),
    });
    if (!result.ok) {
      const first = result.errors[0] ?? { field: ROW_FIELD, reason: REJECTION_REASONS.malformedRow };
      return this.rejection(row.line, first.field, first.reason, row.record);
    }
    const doc = toCustomerDocument(this.toImportRow(row.line, result.customer), { cipher: this.o.cipher, blindIndex: this.o.blindIndex });
    return { kind: 'customer', line: row.line, doc, record: row.record };
  }

  /** The quarantine entry of a row that duplicates another customer of the case. */
  duplicate(line: number, record: Readonly<Record<string, string>>): PreparedRow & { kind: 'rejection' } {
    return this.rejection(line, 'customer_id', REJECTION_REASONS.duplicateCustomerId, record);
  }

  private rejection(line: number, field: string, reason: string, raw: unknown): PreparedRow & { kind: 'rejection' } {
    const rawEnc = this.o.cipher.encryptJson(raw, rejectionAad(this.o.caseId, this.o.importId, line));
    return { kind: 'rejection', line, field, reason, rawEnc };
  }

  private toImportRow(line: number, customer: ValidatedCustomer): CustomerImportRow {
    const { pack } = this.o;
    const personal: CustomerPersonalData = {
      ...customer.personal,
      customerId: customer.customerId,
      products: customer.products,
      ...(customer.lastPurchaseAt !== undefined && { lastPurchaseAt: customer.lastPurchaseAt }),
      ...(customer.totalSpent !== undefined && { totalSpent: customer.totalSpent }),
      extra: customer.extra,
    };
    // validateRow classifies with the CN threshold (14); a pack with another one reclassifies.
    const derived =
      pack.minorAgeThreshold === MINOR_AGE_THRESHOLD
        ? customer.derived
        : classify(
            { ...customer.personal, products: customer.products, totalSpent: customer.totalSpent, lastPurchaseAt: customer.lastPurchaseAt },
            { at: this.o.at, minorAgeThreshold: pack.minorAgeThreshold, ...(this.o.tierRules && { tierRules: this.o.tierRules }) },
          );
    const legalHold = this.legalHold(customer.lastPurchaseAt);
    return {
      caseId: this.o.caseId,
      importId: this.o.importId,
      line,
      type: customer.type,
      personal,
      classification: derived,
      legalHold,
      routeSig: routeSignatureBase({
        minor: derived.minor,
        reachable: derived.reachable,
        sensitive: derived.sensitive.some((category) => pack.sensitiveCategories.includes(category)),
        hold: legalHold !== null,
      }),
    };
  }

  /** The longest statutory retention among the case's rules, counted from the last purchase. */
  private legalHold(lastPurchaseAt: string | undefined): LegalHold | null {
    if (lastPurchaseAt === undefined || this.o.retentionRules.length === 0) return null;
    const from = lastPurchaseAt.slice(0, 10);
    return longestHold(this.o.retentionRules.map((ruleId) => legalHoldFor(this.o.pack, ruleId, from)));
  }
}
