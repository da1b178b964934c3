import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseRepository, ComplianceReportRepository, type ComplianceReportDocument } from '@handover/persistence';

/** The stored compliance report of a case (built by the case workflow after the closure gate). */
@Injectable()
export class GetReportUseCase {

  constructor(private readonly cases: CaseRepository, private readonly reports: ComplianceReportRepository) {}

  async execute(caseId: string): Promise<Omit<ComplianceReportDocument, 'pdf'>> {
    const phase = await this.phaseOf(caseId);
    const report = await this.reports.find(caseId);
    if (!report) throw notReady(caseId, phase);
    return report;
  }

  /** The PDF the worker printed when it built the report. */
  async pdf(caseId: string): Promise<Buffer> {
    const phase = await this.phaseOf(caseId);
    const pdf = await this.reports.findPdf(caseId);
    if (!pdf) throw notReady(caseId, phase);
    return pdf;
  }

  private async phaseOf(caseId: string): Promise<string> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    return state.phase;
  }
}

const notReady = (caseId: string, phase: string): AppError =>
  AppError.conflict('REPORT_NOT_READY', `case ${caseId} has no compliance report yet: it is built once the closure gate is approved (phase ${phase})`);
