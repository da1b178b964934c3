import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CaseKeyService, CaseRepository, ThirdPartyLinkView, ThirdPartyRepository } from '@handover/persistence';
import { CASE_KEYS, CASE_REPOSITORY } from '../common/tokens';
import type { ThirdPartyLink } from './third-party-link';
import { THIRD_PARTY_REPOSITORY } from './third-party.tokens';

export interface ThirdPartyPageView extends ThirdPartyLinkView {
  transferorName: string;
}

/** The third party's own name, the transferor, the categories, the due time and its answer; anything gone is the generic 404. */
@Injectable()
export class GetThirdPartyViewUseCase {
  constructor(
    @Inject(THIRD_PARTY_REPOSITORY) private readonly thirdParties: ThirdPartyRepository,
    @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService,
    @Inject(CASE_REPOSITORY) private readonly cases: CaseRepository,
  ) {}

  async execute(link: ThirdPartyLink): Promise<ThirdPartyPageView> {
    const cipher = await this.caseKeys.cipherFor(link.caseId);
    if (!cipher) throw new NotFoundException();
    const [view, transferCase] = await Promise.all([this.thirdParties.linkView(link.caseId, link.thirdPartyId, cipher), this.cases.findById(link.caseId, cipher)]);
    if (!view || !transferCase) throw new NotFoundException();
    return { ...view, transferorName: transferCase.transferor.name };
  }
}
