import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CaseKeyService, CaseRepository, DEFAULT_TEAM_ID, TeamRepository, type CaseEntity } from '@handover/persistence';
import { invalidField } from '@handover/http';
import { spansAllTeams, type Principal } from '../auth/roles';
import { CASE_KEYS } from '../common/tokens';
import type { OpenCaseDto } from './open-case.dto';
import { checkRecipientKind, DEFAULT_POLICY, mergePolicy, recipientOf } from './case-input';
import { AuditService } from '../audit/audit.service';

export const newCaseId = (): string => `cs_${randomBytes(12).toString('base64url')}`;

/**
 * Opens a case as a draft in a team (the caller's unless an admin names one; 400 naming `team` for
 * an unknown team or another team than a non-admin's own): creates its data key, stores it with
 * contact fields encrypted.
 */
@Injectable()
export class OpenCaseUseCase {
  constructor(
    private readonly cases: CaseRepository, @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly teams: TeamRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(dto: OpenCaseDto, principal: Principal): Promise<{ id: string; status: 'draft' }> {
    const team = await this.teamFor(dto.team, principal);
    const id = newCaseId();
    const jurisdiction = dto.jurisdiction ?? 'CN-PIPL';
    const policy = mergePolicy(DEFAULT_POLICY, jurisdiction, dto.policy);
    checkRecipientKind(dto.kind, dto.recipient);
    const entity: CaseEntity = {
      id,
      team,
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
    await this.audit.record({ caseId: id, action: 'case.opened', subject: { type: 'case', id }, data: { kind: entity.kind, jurisdiction: entity.jurisdiction, team } });
    return { id, status: 'draft' };
  }

  private async teamFor(requested: string | undefined, principal: Principal): Promise<string> {
    const own = principal.team ?? DEFAULT_TEAM_ID;
    if (requested === undefined || requested === own) return own;
    if (!spansAllTeams(principal)) throw invalidField('team', "must be the caller's own team");
    if (!(await this.teams.exists(requested))) throw invalidField('team', 'no such team');
    return requested;
  }
}
