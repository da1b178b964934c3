import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { CaseRepository, ThirdPartyRepository, type CaseKeyService, type ThirdPartyLinkView } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import type { ThirdPartyLink } from './third-party-link';

export interface ThirdPartyPageView extends ThirdPartyLinkView {
  transferorName: string;
}

/** The third party's own name, the transferor, the categories, the due time and its answer; anything gone is the generic 404. */
@Injectable()
export class GetThirdPartyViewUseCase {
  constructor(
    private readonly thirdParties: ThirdPartyRepository, @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService,
    private readonly cases: CaseRepository,
  ) {}

  async execute(link: ThirdPartyLink): Promise<ThirdPartyPageView> {
    const cipher = await this.caseKeys.cipherFor(link.caseId);
    if (!cipher) throw new NotFoundException();
    const [view, transferCase] = await Promise.all([this.thirdParties.linkView(link.caseId, link.thirdPartyId, cipher), this.cases.findById(link.caseId, cipher)]);
    if (!view || !transferCase) throw new NotFoundException();
    return { ...view, transferorName: transferCase.transferor.name };
  }
}
