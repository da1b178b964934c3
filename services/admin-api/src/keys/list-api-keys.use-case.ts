import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@handover/persistence';
import type { ApiKeyViewDto } from './api-key.dto';

/** Every key with its name, role, team and dates; never a token or hash. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeyRepository) {}

  async execute(): Promise<ApiKeyViewDto[]> {
    return (await this.keys.list()).map((key) => ({
      id: key.id,
      name: key.name,
      role: key.role,
      ...(key.team !== undefined && { team: key.team }),
      createdAt: key.createdAt.toISOString(),
      ...(key.lastUsedAt && { lastUsedAt: key.lastUsedAt.toISOString() }),
      ...(key.revokedAt && { revokedAt: key.revokedAt.toISOString() }),
      ...(key.expiresAt && { expiresAt: key.expiresAt.toISOString() }),
    }));
  }
}
