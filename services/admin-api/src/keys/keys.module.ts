import { Module } from '@nestjs/common';
import { KeysController } from './keys.controller';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

/** POST/GET /v1/keys, DELETE /v1/keys/{id}. Repositories come from the global Auth and Audit modules. */
@Module({
  controllers: [KeysController],
  providers: [CreateApiKeyUseCase, ListApiKeysUseCase, RevokeApiKeyUseCase],
  // The CLI's OpenID sign-in (OidcModule) hands out expiring keys.
  exports: [CreateApiKeyUseCase],
})
export class KeysModule {}
