import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseRepository, InventoryImportRepository, PiiaRepository, RejectionRepository } from '@handover/persistence';
import { pageOf, readPage, type PageQueryDto } from '../common/paging';
import type { ImportProgressDto, RejectedRowPageDto } from './inventory.dto';

/** Read side of the inventory: import progress, quarantined rows, the PIIA draft. */
@Injectable()
export class InventoryQueriesUseCase {

  constructor(private readonly cases: CaseRepository, private readonly imports: InventoryImportRepository, private readonly rejections: RejectionRepository, private readonly piia: PiiaRepository) {}

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

  /** The latest impact assessment, or the stored `version` (404 for a version never stored). */
  async piiaVersion(caseId: string, version?: number) {
    await this.requireCase(caseId);
    const report = version === undefined ? await this.piia.latest(caseId) : await this.piia.find(caseId, version);
    if (!report) throw AppError.notFound(version === undefined ? 'impact assessment for case' : `impact assessment version ${version} for case`, caseId);
    return report;
  }

  private async requireCase(caseId: string): Promise<void> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
  }
}
