import { Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { randomBytes } from 'node:crypto';
import { GLOBAL_AUDIT_SCOPE, TeamRepository } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import type { CreateTeamDto, TeamCreatedDto } from './team.dto';

export const newTeamId = (): string => `tm_${randomBytes(12).toString('base64url')}`;

/** Creates a team (admin only); a taken name is 409 TEAM_EXISTS. Recorded as `team.created`. */
@Injectable()
export class CreateTeamUseCase {
  constructor(private readonly teams: TeamRepository, private readonly audit: AuditService) {}

  async execute(dto: CreateTeamDto, actor: Principal): Promise<TeamCreatedDto> {
    const id = newTeamId();
    if (!(await this.teams.create({ id, name: dto.name, createdAt: new Date() }))) {
      throw AppError.conflict('TEAM_EXISTS', 'a team of that name exists');
    }
    await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'team.created', subject: { type: 'team', id }, actor });
    return { id };
  }
}
