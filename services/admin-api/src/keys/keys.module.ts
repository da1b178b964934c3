import { Module } from '@nestjs/common';
import { KeysController } from './keys.controller';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';
import { GetMasterKeysUseCase } from './get-master-keys.use-case';
import { RotateMasterKeyUseCase } from './rotate-master-key.use-case';

/** POST/GET /v1/keys, DELETE /v1/keys/{id}, GET /v1/keys/master, POST /v1/keys/master/rotate. Repositories come from the global Auth and Audit modules. */
@Module({
  controllers: [KeysController],
  providers: [CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase, GetMasterKeysUseCase, RotateMasterKeyUseCase],
  // The CLI's OpenID sign-in (OidcModule) hands out expiring keys.
  exports: [CreateApiKeyUseCase],
})
export class KeysModule {}
