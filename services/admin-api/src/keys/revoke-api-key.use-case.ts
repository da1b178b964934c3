import { HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { ApiKeyRepository, GLOBAL_AUDIT_SCOPE } from '@handover/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { SessionStore } from '../auth/session-store';
import type { Principal } from '../auth/roles';

/**
 * Revokes a key (and ends its console sessions): at once in this process, within the lookup cache's lifetime (≤ 5 s) in others.
 * Revoking a revoked key is a no-op; an unknown id is 404. Recorded as `key.revoked`.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository, private readonly authenticator: ApiKeyAuthenticator, private readonly sessions: SessionStore,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, actor: Principal): Promise<void> {
    const revoked = await this.keys.revoke(id, new Date());
    this.authenticator.invalidate(id);
    await this.sessions.endAllOf(id);
    if (!revoked) {
      if (!(await this.keys.findById(id))) throw new AppError('NOT_FOUND', 'API key not found', HttpStatus.NOT_FOUND);
      return;
    }
    await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'key.revoked', subject: { type: 'api-key', id }, actor });
  }
}
