/**
 * Builds, for the raw-driver baseline, the documents the importer writes for each row: a customer
 * document through the project's own mapper (`toCustomerDocument`: FieldCipher ciphertext of the
 * personal fields, HMAC blind indexes, row hash), or a quarantine document with the raw record
 * encrypted. The steps around the mapper mirror activities/src/inventory/row-preparer.ts
 * (RowPreparer is not exported from @handover/activities): validateRow with the import's reference
 * date and the jurisdiction's offset, the CN minor threshold, no legal hold (the bench case has no
 * retention policy).
 */
import type { BlindIndex, FieldCipher } from '@handover/crypto';
import { REJECTION_REASONS, ROW_FIELD, validateRow } from '@handover/domain';
import type { ParsedRow } from '@handover/ingest';
import {
  rejectionAad,
  rejectionId,
  toCustomerDocument,
  type CustomerDocument,
  type CustomerPersonalData,
  type RejectionDocument,
} from '@handover/persistence';

export type BaselineDocument = { kind: 'customer'; doc: CustomerDocument; line: number; record: Readonly<Record<string, string>> } | { kind: 'rejection'; doc: RejectionDocument };

export interface BaselinePreparerOptions {
  caseId: string;
  importId: string;
  at: Date;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  /** Minutes east of UTC for datetimes without an offset (480 for CN-PIPL, as the importer). */
  defaultOffsetMinutes: number;
}

export class BaselinePreparer {
  constructor(private readonly o: BaselinePreparerOptions) {}

  prepare(row: ParsedRow): BaselineDocument {
    if (row.error) return this.rejection(row.line, ROW_FIELD, row.error.reason, row.raw);
    const result = validateRow(row.record, { line: row.line, at: this.o.at, defaultOffsetMinutes: this.o.defaultOffsetMinutes });
    if (!result.ok) {
      const first = result.errors[0] ?? { field: ROW_FIELD, reason: REJECTION_REASONS.malformedRow };
      return this.rejection(row.line, first.field, first.reason, row.record);
    }
    const { customer } = result;
    const personal: CustomerPersonalData = {
      ...customer.personal,
      customerId: customer.customerId,
      products: customer.products,
      ...(customer.lastPurchaseAt !== undefined && { lastPurchaseAt: customer.lastPurchaseAt }),
      ...(customer.totalSpent !== undefined && { totalSpent: customer.totalSpent }),
      extra: customer.extra,
    };
    const doc = toCustomerDocument(
      {
        caseId: this.o.caseId,
        importId: this.o.importId,
        line: row.line,
        type: customer.type,
        personal,
        classification: customer.derived,
        legalHold: null,
      },
      { cipher: this.o.cipher, blindIndex: this.o.blindIndex },
    );
    return { kind: 'customer', doc, line: row.line, record: row.record };
  }

  /** The quarantine document of a row whose customer_id repeats an earlier one. */
  duplicate(line: number, record: Readonly<Record<string, string>>): RejectionDocument {
    return this.rejection(line, 'customer_id', REJECTION_REASONS.duplicateCustomerId, record).doc;
  }

  private rejection(line: number, field: string, reason: string, raw: unknown): { kind: 'rejection'; doc: RejectionDocument } {
    const { caseId, importId } = this.o;
    return {
      kind: 'rejection',
      doc: {
        _id: rejectionId(importId, line),
        caseId,
        importId,
        line,
        field,
        reason,
        rawEnc: this.o.cipher.encryptJson(raw, rejectionAad(caseId, importId, line)),
        createdAt: this.o.at,
      },
    };
  }
}
