import type { ImportCounters } from '@handover/contracts';
import type { CustomerRepository, RejectionEntity, RejectionRepository } from '@handover/persistence';
import { RefLineTable } from './ref-line-table';
import type { PreparedRow, RowPreparer } from './row-preparer';

type Customer = PreparedRow & { kind: 'customer' };

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
 *
 * A customer_id repeated within the file is recognised from the refs this attempt inserted (no
 * read, no failed insert); only the other duplicates are read back, in one query per batch.
 */
export class BatchWriter {
  private readonly inserted = new RefLineTable();

  constructor(
    private readonly deps: { customers: CustomerRepository; rejections: RejectionRepository },
    private readonly ctx: { caseId: string; importId: string; preparer: RowPreparer; now: () => Date },
  ) {}

  async write(rows: readonly PreparedRow[]): Promise<BatchOutcome> {
    const last = rows[rows.length - 1];
    if (!last) throw new RangeError('empty batch');
    const customers = rows.filter((r): r is Customer => r.kind === 'customer');
    const rejected = rows.filter((r): r is PreparedRow & { kind: 'rejection' } => r.kind === 'rejection');

    // A customer_id this attempt already inserted, or already sent in this batch, is kept out of
    // the insert: a duplicate key makes FerretDB v1 fall back to one insert per document for the
    // whole batch. The outcomes are the ones the stored document would give (see below).
    const toInsert: Customer[] = [];
    const deferred: Customer[] = [];
    const inBatch = new Set<string>();
    for (const row of customers) {
      if (this.inserted.get(row.doc.ref) !== undefined) rejected.push(this.ctx.preparer.duplicate(row.line, row.record));
      else if (inBatch.has(row.doc.ref)) deferred.push(row);
      else {
        inBatch.add(row.doc.ref);
        toInsert.push(row);
      }
    }
    const { duplicateIndexes } = await this.deps.customers.insertMany(toInsert.map((c) => c.doc));
    const duplicates = new Set(duplicateIndexes);
    toInsert.forEach((c, i) => {
      if (!duplicates.has(i)) this.inserted.add(c.doc.ref, c.line);
    });
    let accepted = toInsert.length - duplicateIndexes.length;
    let unchanged = 0;
    const clashing: Customer[] = duplicateIndexes.map((i) => toInsert[i] as Customer);
    for (const row of deferred) {
      // Its first occurrence in this batch was just inserted on another line: a repeat in the file.
      if (this.inserted.get(row.doc.ref) !== undefined) rejected.push(this.ctx.preparer.duplicate(row.line, row.record));
      else clashing.push(row);
    }
    if (clashing.length > 0) {
      const existing = await this.deps.customers.findExisting(this.ctx.caseId, [...new Set(clashing.map((c) => c.doc._id))]);
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
    // Corrected rows from the rejected-rows export replace their quarantine entries (accepted now,
    // or quarantined again under this import); an entry of this import itself is never removed.
    const replaced = rows.flatMap((r) => (r.replaces !== undefined && !r.replaces.startsWith(`${this.ctx.importId}:`) ? [r.replaces] : []));
    await this.deps.rejections.deleteIds(this.ctx.caseId, replaced);
    return { counters: { processed: rows.length, accepted, rejected: rejected.length, unchanged }, lastLine: last.line };
  }
}
