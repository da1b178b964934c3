import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, GLOBAL_AUDIT_SCOPE } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import { generateApiKeyToken, hashApiKeyToken, newApiKeyId } from '../auth/api-key-token';
import type { Principal } from '../auth/roles';
import type { ApiKeyCreatedDto, CreateApiKeyDto } from './api-key.dto';

/** Creates a key: the token is returned once and only its hash is stored. Recorded as `key.created`. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async execute(dto: CreateApiKeyDto, actor: Principal): Promise<ApiKeyCreatedDto> {
    const id = newApiKeyId();
    const token = generateApiKeyToken();
    await this.keys.create({ id, name: dto.name, role: dto.role, tokenHash: hashApiKeyToken(token), createdAt: new Date() });
    await this.audit.record({
      caseId: GLOBAL_AUDIT_SCOPE,
      action: 'key.created',
      subject: { type: 'api-key', id },
      data: { role: dto.role },
      actor,
    });
    return { id, token };
  }
}
