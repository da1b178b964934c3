import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { ApiKeyCreatedDto, ApiKeyViewDto, CreateApiKeyDto } from './api-key.dto';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';
import { GetMasterKeysUseCase } from './get-master-keys.use-case';
import { MasterKeyRotationDto, MasterKeysViewDto } from './master-key.dto';
import { RotateMasterKeyUseCase } from './rotate-master-key.use-case';

/** API keys and the master keys (admin only, see access-matrix.ts). */
@ApiTags('keys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiForbiddenResponse({ description: 'the role may not manage keys' })
@Controller('v1/keys')
export class KeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase, private readonly listKeys: ListApiKeysUseCase, private readonly revokeKey: RevokeApiKeyUseCase,
    private readonly masterKeys: GetMasterKeysUseCase, private readonly rotateMaster: RotateMasterKeyUseCase,
  ) {}

  @Post()
  @ApiDoc('Create an API key for a role; the token is returned once', { created: { type: ApiKeyCreatedDto, description: 'the token is shown only here' } })
  create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<ApiKeyCreatedDto> {
    return this.createKey.execute(dto, principal);
  }

  @Get()
  @ApiDoc('API keys (never their tokens)', { ok: { type: [ApiKeyViewDto] } })
  list(): Promise<ApiKeyViewDto[]> {
    return this.listKeys.execute();
  }

  @Get('master')
  @ApiDoc('The master keys: the active key id and, per key id, how many wrapped keys still use it (ids and counts, never keys)', { ok: { type: MasterKeysViewDto } })
  master(): Promise<MasterKeysViewDto> {
    return this.masterKeys.execute();
  }

  @Post('master/rotate')
  @ApiDoc('Re-wrap every case key and the derivation key under the active master key (batched, idempotent: call again to resume)', {
    ok: { type: MasterKeyRotationDto },
  })
  @HttpCode(200)
  rotate(@CurrentPrincipal() principal: Principal): Promise<MasterKeyRotationDto> {
    return this.rotateMaster.execute(principal);
  }

  @Delete(':id')
  @ApiDoc('Revoke an API key', { noContent: 'revoked (or already revoked)', notFound: undefined })
  @HttpCode(204)
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.revokeKey.execute(id, principal);
  }
}
