import { Injectable } from '@nestjs/common';
import { CaseRepository, DeletionCertificateRepository } from '@handover/persistence';
import { AppError } from '@handover/http';
import { pageOf, readPage, type PageQueryDto } from '../common/paging';
import type { DeletionCertificatePageDto } from './certificate.dto';

/** The deletion certificates of a case in the order they were issued (keyset pages); they outlive the case key. */
@Injectable()
export class ListCertificatesUseCase {
  constructor(private readonly cases: CaseRepository, private readonly certificates: DeletionCertificateRepository) {}

  async execute(caseId: string, query: PageQueryDto): Promise<DeletionCertificatePageDto> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const page = await readPage(() => this.certificates.page(caseId, pageOf(query)));
    return {
      ...page,
      items: page.items.map((doc) => ({
        id: doc._id,
        stage: doc.stage,
        count: doc.count,
        method: doc.method,
        at: doc.at.toISOString(),
        recordsDigest: doc.recordsDigest,
        destroyedKeyIdHashes: [...doc.destroyedKeyIdHashes],
      })),
    };
  }
}
