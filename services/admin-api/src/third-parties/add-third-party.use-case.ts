import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { Client } from '@temporalio/client';
import { thirdPartyAddedSignal, thirdPartyWorkflowId } from '@handover/contracts';
import type { Logger } from '@handover/logging';
import { CaseKeyService, CaseRepository, ThirdPartyRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { LOGGER, CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import type { AddThirdPartyDto } from './third-party.dto';

/**
 * Adds a third party to a case (`pending`). When the case's third-party workflow already runs, it
 * is woken to request the newcomer too; a failed signal is ignored (the workflow re-reads the
 * pending ones whenever it wakes, and the case workflow starts it only in the deletion phase).
 */
@Injectable()
export class AddThirdPartyUseCase {
  constructor(
    private readonly cases: CaseRepository, private readonly thirdParties: ThirdPartyRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LOGGER) private readonly logger: Logger, private readonly audit: AuditService,
  ) {}

  async execute(caseId: string, dto: AddThirdPartyDto, principal: Principal): Promise<{ id: string }> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status === 'closed') throw AppError.conflict('CASE_CLOSED', `case ${caseId} is closed`);
    if (state.status === 'cancelled') throw AppError.conflict('CASE_CANCELLED', `case ${caseId} is cancelled`);
    const cipher = await this.keys.cipherFor(caseId);
    if (!cipher) throw new AppError('CASE_KEY_SHREDDED', `case ${caseId} has no data key any more`, HttpStatus.CONFLICT);
    const categories = [...new Set(dto.categories.map((category) => category.trim()))];
    const id = await this.thirdParties.create({ caseId, name: dto.name.trim(), email: dto.email.trim(), categories, createdBy: principal.id }, cipher);
    await this.audit.record({
      caseId,
      action: 'third-party.added',
      subject: { type: 'third-party', id },
      data: { categories: categories.length },
      actor: principal,
    });
    try {
      await this.temporal.workflow.getHandle(thirdPartyWorkflowId(caseId)).signal(thirdPartyAddedSignal, { thirdPartyId: id });
    } catch (error) {
      // Not running yet (or any more): nothing to wake.
      this.logger.debug({ caseId, thirdPartyId: id, err: (error as Error).name }, 'third-party workflow not signalled');
    }
    return { id };
  }
}
