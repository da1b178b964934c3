import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AnswerRepository, CaseRepository, type CaseKeyService, type CustomerDecision } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import type { CustomerLink } from './customer-link';

/** What a customer may see through their link: nothing beyond what their notice told them. */
export interface CustomerView {
  route: string | null;
  deadline: string | null;
  transferor: { name: string };
  recipient: { name: string; contact: string } | null;
  decision?: CustomerDecision;
  decisionAt?: Date;
}

/**
 * The customer's route, deadline and standing answer, with the recipient's name and contact
 * (decrypted with the case key). A customer or case that is gone (or shredded) is the generic 404.
 */
@Injectable()
export class GetCustomerViewUseCase {
  constructor(
    private readonly answers: AnswerRepository, @Inject(CASE_KEYS) private readonly caseKeys: CaseKeyService, private readonly cases: CaseRepository,
  ) {}

  async execute(link: CustomerLink): Promise<CustomerView> {
    const state = await this.answers.state(link.caseId, link.ref);
    if (!state) throw new NotFoundException();
    const cipher = await this.caseKeys.cipherFor(link.caseId);
    const transferCase = cipher ? await this.cases.findById(link.caseId, cipher) : null;
    if (!transferCase) throw new NotFoundException();
    return {
      route: state.route,
      deadline: state.deadline,
      transferor: { name: transferCase.transferor.name },
      recipient: transferCase.recipient ? { name: transferCase.recipient.name, contact: transferCase.recipient.contact } : null,
      ...(state.decision && { decision: state.decision }),
      ...(state.decisionAt && { decisionAt: state.decisionAt }),
    };
  }
}
