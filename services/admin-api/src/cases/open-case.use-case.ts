import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CaseKeyService, CaseRepository, type CaseEntity } from '@handover/persistence';
import { CASE_KEYS } from '../common/tokens';
import type { OpenCaseDto } from './open-case.dto';
import { DEFAULT_POLICY, mergePolicy, recipientOf } from './case-input';
import { AuditService } from '../audit/audit.service';

export const newCaseId = (): string => `cs_${randomBytes(12).toString('base64url')}`;

/** Opens a case as a draft: creates its data key, stores it with contact fields encrypted. */
@Injectable()
export class OpenCaseUseCase {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
    private readonly audit: AuditService,
  ) {}

  async execute(dto: OpenCaseDto): Promise<{ id: string; status: 'draft' }> {
    const id = newCaseId();
    const jurisdiction = dto.jurisdiction ?? 'CN-PIPL';
    const policy = mergePolicy(DEFAULT_POLICY, jurisdiction, dto.policy);
    const entity: CaseEntity = {
      id,
      kind: dto.kind,
      jurisdiction,
      status: 'draft',
      phase: 'opened',
      transferor: { name: dto.transferor.name, contact: dto.transferor.contact },
      ...(dto.recipient && { recipient: recipientOf(dto.recipient) }),
      manager: { name: dto.manager.name, email: dto.manager.email },
      ...(dto.purposeChange && { purposeChange: dto.purposeChange }),
      policy,
      createdAt: new Date(),
    };
    const cipher = await this.keys.ensure(id);
    await this.cases.create(entity, cipher);
    await this.audit.record({ caseId: id, action: 'case.opened', subject: { type: 'case', id }, data: { kind: entity.kind, jurisdiction: entity.jurisdiction } });
    return { id, status: 'draft' };
  }
}
