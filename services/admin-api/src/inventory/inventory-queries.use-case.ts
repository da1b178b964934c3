import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CaseRepository, InventoryImportRepository, PiiaRepository, RejectionRepository } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION } from '../common/tokens';
import { pageOf, readPage, type PageQueryDto } from '../common/paging';
import type { ImportProgressDto, RejectedRowPageDto } from './inventory.dto';

/** Read side of the inventory: import progress, quarantined rows, the PIIA draft. */
@Injectable()
export class InventoryQueriesUseCase {
  private readonly cases: CaseRepository;
  private readonly imports: InventoryImportRepository;
  private readonly rejections: RejectionRepository;
  private readonly piia: PiiaRepository;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.cases = new CaseRepository(connection);
    this.imports = new InventoryImportRepository(connection);
    this.rejections = new RejectionRepository(connection);
    this.piia = new PiiaRepository(connection);
  }

  async importProgress(caseId: string, importId: string): Promise<ImportProgressDto> {
    const found = await this.imports.findForCase(caseId, importId);
    if (!found) throw AppError.notFound('import', importId);
    return {
      importId,
      status: found.status,
      processed: found.counters.processed,
      accepted: found.counters.accepted,
      rejected: found.counters.rejected,
      unchanged: found.counters.unchanged,
      ...(found.error && { error: found.error }),
    };
  }

  async rejected(caseId: string, query: PageQueryDto): Promise<RejectedRowPageDto> {
    await this.requireCase(caseId);
    const page = await readPage(() => this.rejections.page(caseId, pageOf(query)));
    return { ...page, items: page.items.map((row) => ({ importId: row.importId, line: row.line, field: row.field, reason: row.reason })) };
  }

  async latestPiia(caseId: string) {
    await this.requireCase(caseId);
    const report = await this.piia.latest(caseId);
    if (!report) throw AppError.notFound('impact assessment for case', caseId);
    return report;
  }

  private async requireCase(caseId: string): Promise<void> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
  }
}
