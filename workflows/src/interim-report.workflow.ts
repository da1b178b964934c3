import { proxyActivities } from '@temporalio/workflow';
import type { ComplianceReportResult, InterimReportInput, ReportActivities } from '@handover/contracts';

const { buildInterimReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  // The caller waits for it: a few attempts, then the API answers with the failure.
  retry: { initialInterval: '2 seconds', maximumInterval: '10 seconds', maximumAttempts: 3, nonRetryableErrorTypes: ['CASE_NOT_FOUND', 'CASE_KEY_MISSING'] },
});

/**
 * An interim compliance report on demand (GET /v1/cases/{id}/report?interim=true): one activity,
 * run by the worker so the report is assembled and printed where the final one is. Workflow id
 * `case:<caseId>:interim-report:<interimId>`; carries ids only.
 */
export async function interimReportWorkflow(input: InterimReportInput): Promise<ComplianceReportResult> {
  return buildInterimReport(input);
}
