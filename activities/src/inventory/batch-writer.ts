import type { ImportCounters } from '@handover/contracts';
import type { CustomerRepository, RejectionEntity, RejectionRepository } from '@handover/persistence';
import type { PreparedRow, RowPreparer } from './row-preparer';

export interface BatchOutcome {
  counters: ImportCounters;
  /** Last line of the batch: the checkpoint once the batch is committed. */
  lastLine: number;
}

/**
 * Writes one batch: customers with an unordered insert, then every quarantined row. A customer
 * _id that already exists is resolved from the stored document:
 * - same import and line → written by an earlier attempt of this import: accepted (exactly once);
 * - another import, same row hash → the same customer re-imported: unchanged;
 * - otherwise (another customer, or the same customer_id twice in one file) → quarantined.
 * Idempotent: replaying a batch gives the same counters and writes nothing twice.
 */
export class BatchWriter {
  constructor(
    private readonly deps: { customers: CustomerRepository; rejections: RejectionRepository },
    private readonly ctx: { caseId: string; importId: string; preparer: RowPreparer; now: () => Date },
  ) {}

  async write(rows: readonly PreparedRow[]): Promise<BatchOutcome> {
    const last = rows[rows.length - 1];
    if (!last) throw new RangeError('empty batch');
    const customers = rows.filter((r): r is PreparedRow & { kind: 'customer' } => r.kind === 'customer');
    const rejected = rows.filter((r): r is PreparedRow & { kind: 'rejection' } => r.kind === 'rejection');

    const { duplicateIndexes } = await this.deps.customers.insertMany(customers.map((c) => c.doc));
    let accepted = customers.length - duplicateIndexes.length;
    let unchanged = 0;
    if (duplicateIndexes.length > 0) {
      const clashing = duplicateIndexes.map((i) => customers[i] as PreparedRow & { kind: 'customer' });
      const existing = await this.deps.customers.findExisting(this.ctx.caseId, clashing.map((c) => c.doc._id));
      for (const row of clashing) {
        const other = existing.get(row.doc._id);
        if (!other) {
          // Deleted between the insert and the read (a concurrent deletion phase): let the retry decide.
          throw new Error(`customer ${row.doc._id} vanished while resolving a duplicate (import ${this.ctx.importId}, line ${row.line})`);
        }
        if (other.importId === this.ctx.importId && other.line === row.line) accepted += 1;
        else if (other.importId !== this.ctx.importId && other.rowHash === row.doc.rowHash) unchanged += 1;
        else rejected.push(this.ctx.preparer.duplicate(row.line, row.record));
      }
    }

    const at = this.ctx.now();
    const entities: RejectionEntity[] = rejected.map((r) => ({
      caseId: this.ctx.caseId,
      importId: this.ctx.importId,
      line: r.line,
      field: r.field,
      reason: r.reason,
      rawEnc: r.rawEnc,
      createdAt: at,
    }));
    await this.deps.rejections.insertMany(entities);
    return { counters: { processed: rows.length, accepted, rejected: rejected.length, unchanged }, lastLine: last.line };
  }
}
