import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { CaseKeyService, CaseRepository, ThirdPartyRepository } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION, CASE_KEYS } from '../common/tokens';
import type { ThirdPartyDto } from './third-party.dto';

/** The case's third parties with their status derived from the recorded answers (API.md). */
@Injectable()
export class ListThirdPartiesUseCase {
  private readonly cases: CaseRepository;
  private readonly thirdParties: ThirdPartyRepository;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(CASE_KEYS) private readonly keys: CaseKeyService) {
    this.cases = new CaseRepository(connection);
    this.thirdParties = new ThirdPartyRepository(connection);
  }

  async execute(caseId: string): Promise<ThirdPartyDto[]> {
    if (!(await this.cases.findState(caseId))) throw AppError.notFound('case', caseId);
    const cipher = await this.keys.cipherFor(caseId);
    if (!cipher) throw new AppError('CASE_KEY_SHREDDED', `case ${caseId} has no data key any more`, HttpStatus.CONFLICT);
    const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
    return (await this.thirdParties.list(caseId, cipher)).map((party) => ({
      id: party.id,
      name: party.name,
      categories: party.categories,
      status: party.status,
      requestedAt: iso(party.requestedAt),
      dueAt: iso(party.dueAt),
      confirmedAt: iso(party.confirmedAt),
      late: party.late,
      answerKind: party.answerKind,
    }));
  }
}
