import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { CaseKeyService, CaseRepository, type CaseEntity } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import type { EditCaseDto } from './open-case.dto';
import { checkRecipientKind, mergePolicy, recipientOf } from './case-input';

/**
 * Edits a draft case (parties, manager, purpose change, policy), validated as on open. 409
 * `CASE_NOT_DRAFT` once the case has started: from then on the case workflow owns the document.
 */
@Injectable()
export class EditCaseUseCase {
  constructor(private readonly cases: CaseRepository, @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService) {}

  async execute(caseId: string, dto: EditCaseDto, principal: Principal): Promise<{ id: string; status: 'draft' }> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status !== 'draft') throw notDraft(caseId, state.status);
    const cipher = await this.keys.cipherFor(caseId);
    const current = cipher ? await this.cases.findById(caseId, cipher) : null;
    if (!cipher || !current) throw new AppError('CASE_KEY_SHREDDED', `case ${caseId} has no data key`, HttpStatus.CONFLICT);
    const { recipient: _recipient, purposeChange: _purposeChange, ...kept } = current;
    if (dto.recipient) checkRecipientKind(current.kind, dto.recipient);
    const recipient = dto.recipient === undefined ? current.recipient : dto.recipient === null ? undefined : recipientOf(dto.recipient);
    const purposeChange = dto.purposeChange === undefined ? current.purposeChange : dto.purposeChange?.trim() || undefined;
    const next: CaseEntity = {
      ...kept,
      ...(dto.transferor && { transferor: { name: dto.transferor.name, contact: dto.transferor.contact } }),
      ...(dto.manager && { manager: { name: dto.manager.name, email: dto.manager.email } }),
      ...(recipient && { recipient }),
      ...(purposeChange && { purposeChange }),
      policy: mergePolicy(current.policy, current.jurisdiction, dto.policy),
    };
    if (!(await this.cases.replaceDraft(next, cipher))) throw notDraft(caseId, 'started');
    const fields = Object.entries(dto).filter(([, value]) => value !== undefined).map(([field]) => field).sort();
    await this.audit.record({ caseId, action: 'case.edited', subject: { type: 'case', id: caseId }, data: { fields: fields.join(',') }, actor: principal });
    return { id: caseId, status: 'draft' };
  }
}

const notDraft = (caseId: string, status: string): AppError => AppError.conflict('CASE_NOT_DRAFT', `case ${caseId} is ${status}: only a draft can be edited`);
