import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseKeyService, CaseRepository, ThirdPartyRepository } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import { pageOf, readPage, type PageQueryDto } from '../common/paging';
import type { ThirdPartyPageDto } from './third-party.dto';

/** The case's third parties with their status derived from the recorded answers (docs/api.md), in keyset pages. */
@Injectable()
export class ListThirdPartiesUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly thirdParties: ThirdPartyRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
  ) {}

  async execute(caseId: string, query: PageQueryDto): Promise<ThirdPartyPageDto> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const cipher = await this.keys.cipherFor(caseId);
    if (!cipher) throw new AppError('CASE_KEY_SHREDDED', `case ${caseId} has no data key any more`, HttpStatus.CONFLICT);
    const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
    const page = await readPage(() => this.thirdParties.page(caseId, cipher, pageOf(query)));
    return {
      ...page,
      items: page.items.map((party) => ({
        id: party.id,
        name: party.name,
        categories: party.categories,
        status: party.status,
        requestedAt: iso(party.requestedAt),
        dueAt: iso(party.dueAt),
        confirmedAt: iso(party.confirmedAt),
        late: party.late,
        answerKind: party.answerKind,
      })),
    };
  }
}
