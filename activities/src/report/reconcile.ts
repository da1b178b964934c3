import type { ComplianceReport, ReconciliationCheck } from './report.model';

/** Inputs of the reconciliation beyond the report's own counts. */
export interface ReconcileFacts {
  /** Customers in the notice mailing with an email address (the ones a message is due to). */
  noticeAudienceByEmail: number;
  /** Customers in the notice mailing without one (counted for the public announcement). */
  noticeAudienceWithoutEmail: number;
}

/**
 * Every figure of the report that must add up, as checks with expected and actual values. Pure.
 * - customers = transferred + held + unchanged + deleted (each customer exactly one disposition);
 * - notified + bounced = customers the notice was due to by email; the public announcement counts
 *   the rest of the notice audience;
 * - the package holds exactly the transferred customers;
 * - answers: consented + refused + objected + withdrawn = evidence-backed decisions standing.
 */
export function reconcile(report: Omit<ComplianceReport, 'reconciliation' | 'reconciled'>, facts: ReconcileFacts): ReconciliationCheck[] {
  const c = report.counts;
  const d = c.dispositions;
  const check = (name: string, expected: number, actual: number): ReconciliationCheck => ({ check: name, expected, actual, ok: expected === actual });
  const checks = [
    check('customers = transferred + held + unchanged + deleted', c.customers, d.transferred + d.held + d.unchanged + d.deleted),
    check('notice messages (sent + bounced) = customers reachable by email', facts.noticeAudienceByEmail, c.notified + c.bounced),
    check('public announcement = customers of the notice without an address', facts.noticeAudienceWithoutEmail, c.publicAnnouncement),
  ];
  if (report.handover) checks.push(check('handover package records = transferred', d.transferred, report.handover.records));
  return checks;
}
