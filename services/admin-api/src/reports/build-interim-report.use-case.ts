import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { type InterimReportWorkflow, WORKFLOW_TYPES } from '@handover/contracts';
import type { AdminApiConfig } from '@handover/config';
import { CaseRepository, InterimReportRepository, type InterimReportDocument } from '@handover/persistence';
import { AppError } from '@handover/http';
import { ADMIN_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';

/**
 * An interim compliance report of a case that is not closed yet, built on demand by the worker
 * (a short workflow running the report activity, which prints the PDF when asked) and stored apart
 * from the final report: it is marked `interim` and never served as the final one.
 */
@Injectable()
export class BuildInterimReportUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly interimReports: InterimReportRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  async execute(caseId: string, pdf: boolean): Promise<Omit<InterimReportDocument, 'pdf'> & { pdf: Buffer | null }> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'closed') throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed: its final report is served without interim=true`);
    const interimId = `ir_${randomBytes(12).toString('base64url')}`;
    await this.temporal.workflow.execute<InterimReportWorkflow>(WORKFLOW_TYPES.interimReport, {
      workflowId: `case:${caseId}:interim-report:${interimId}`,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId, interimId, pdf }],
    });
    const report = await this.interimReports.find(caseId, interimId);
    if (!report) throw new Error(`interim report ${interimId} was built but is not stored`);
    return report;
  }
}
