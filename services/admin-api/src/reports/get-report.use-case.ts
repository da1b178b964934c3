import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CaseRepository, ComplianceReportRepository, type ComplianceReportDocument } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION } from '../common/tokens';

/** The stored compliance report of a case (built by the case workflow after the closure gate). */
@Injectable()
export class GetReportUseCase {
  private readonly cases: CaseRepository;
  private readonly reports: ComplianceReportRepository;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.cases = new CaseRepository(connection);
    this.reports = new ComplianceReportRepository(connection);
  }

  async execute(caseId: string): Promise<ComplianceReportDocument> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    const report = await this.reports.find(caseId);
    if (!report) throw AppError.conflict('REPORT_NOT_READY', `case ${caseId} has no compliance report yet: it is built once the closure gate is approved (phase ${state.phase})`);
    return report;
  }
}
