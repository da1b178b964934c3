/**
 * The deletion and closure phases (docs/legal.md §4, §5). Inputs and results carry ids and counts only.
 *
 * Every customer of a case ends with one disposition:
 * - `transferred`: handed over to the recipient; the transferor's copy is then erased;
 * - `held`: kept under a legal hold, sealed (storage only, custodian, expiry) under a key of its own;
 * - `unchanged`: notice-of-change route (the processor did not change, PIPL Art. 17(2)): no data
 *   moved; the case's working copy is erased like every other record;
 * - `deleted`: erased (not transferred, not held).
 * transferred + held + unchanged + deleted = customers.
 */
export const DISPOSITIONS = ['transferred', 'held', 'unchanged', 'deleted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export type DispositionCounts = Record<Disposition, number>;

export interface DisposeCustomersInput {
  caseId: string;
  /** False for a case without a recipient: nothing is transferred, everything not held is deleted. */
  hasRecipient: boolean;
}

export interface DisposeCustomersResult {
  counts: DispositionCounts;
  /** Deletion certificates written (or found written) by this run, by id. */
  certificates: string[];
}

export interface DiscardCaseDataResult {
  /** Customer records erased by the discard (all of the case's). */
  erased: number;
  certificates: string[];
}

export interface ComplianceReportResult {
  reportId: string;
  /** True when every reconciliation of the report holds. */
  reconciled: boolean;
}

/** Activities of the deletion and closure phases; implemented in activities/src/deletion and activities/src/report. */
export interface DeletionActivities {
  /**
   * Gives every customer its disposition: seals the holds under the case's hold key, erases the
   * personal fields and blind indexes of everyone else, removes the quarantined rows and the
   * stored uploads, and writes one deletion certificate per stage. Resumable and idempotent.
   */
  disposeCustomers(input: DisposeCustomersInput): Promise<DisposeCustomersResult>;
  /** Shreds the case's data key (after the report): whatever was encrypted under it is unreadable. */
  shredCaseKey(input: { caseId: string }): Promise<{ shredded: boolean; certificate: string }>;
  /**
   * A cancelled case (issue 14): erases every customer record (holds included: the transferor keeps
   * its own originals, Handover's working copy goes), the quarantined rows and the stored uploads,
   * with a certificate per stage. Resumable and idempotent; the key is shredded after it.
   */
  discardCaseData(input: { caseId: string }): Promise<DiscardCaseDataResult>;
  /**
   * The inventory gate was rejected: the case's customer records, quarantined rows and stored
   * uploads are deleted outright (a corrected file is then imported as new). Idempotent.
   */
  discardInventory(input: { caseId: string }): Promise<{ customers: number; quarantined: number; uploads: number }>;
  /** Marks the case closed. */
  closeCase(input: { caseId: string }): Promise<void>;
}

export interface ReportActivities {
  /** Builds and stores the compliance report (JSON + HTML) from every collection of the case. */
  buildComplianceReport(input: { caseId: string }): Promise<ComplianceReportResult>;
  /**
   * Builds an interim report of a case that is not closed (the same sections, marked interim) and
   * stores it apart from the final report, under `interimId`; prints its PDF when `pdf` is set.
   */
  buildInterimReport(input: InterimReportInput): Promise<ComplianceReportResult>;
}

/** GET /v1/cases/{id}/report?interim=true: ids and a flag only. */
export interface InterimReportInput {
  caseId: string;
  interimId: string;
  pdf: boolean;
}
