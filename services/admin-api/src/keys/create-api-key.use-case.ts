import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, GLOBAL_AUDIT_SCOPE, TeamRepository } from '@handover/persistence';
import { invalidField } from '@handover/http';
import { AuditService } from '../audit/audit.service';
import { generateApiKeyToken, hashApiKeyToken, newApiKeyId } from '../auth/api-key-token';
import type { Principal } from '../auth/roles';
import type { ApiKeyCreatedDto, CreateApiKeyDto } from './api-key.dto';

/**
 * Creates a key: the token is returned once and only its hash is stored. The team must exist (400
 * naming `team`), the expiry lie in the future (400 naming `expiresAt`). Recorded as `key.created`.
 */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(private readonly keys: ApiKeyRepository, private readonly teams: TeamRepository, private readonly audit: AuditService) {}

  async execute(dto: CreateApiKeyDto, actor: Principal): Promise<ApiKeyCreatedDto> {
    const now = new Date();
    const expiresAt = dto.expiresAt !== undefined ? new Date(dto.expiresAt) : undefined;
    if (expiresAt && !(expiresAt.getTime() > now.getTime())) throw invalidField('expiresAt', 'must lie in the future');
    if (dto.team !== undefined && !(await this.teams.exists(dto.team))) throw invalidField('team', 'no such team');
    const id = newApiKeyId();
    const token = generateApiKeyToken();
    await this.keys.create({
      id,
      name: dto.name,
      role: dto.role,
      ...(dto.team !== undefined && { team: dto.team }),
      tokenHash: hashApiKeyToken(token),
      createdAt: now,
      ...(expiresAt && { expiresAt }),
    });
    await this.audit.record({
      caseId: GLOBAL_AUDIT_SCOPE,
      action: 'key.created',
      subject: { type: 'api-key', id },
      data: { role: dto.role, team: dto.team ?? null, expiresAt: expiresAt?.toISOString() ?? null },
      actor,
    });
    return { id, token };
  }
}
