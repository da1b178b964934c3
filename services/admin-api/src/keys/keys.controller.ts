import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { ApiKeyCreatedDto, ApiKeyViewDto, CreateApiKeyDto } from './api-key.dto';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

/** API keys (admin only, see access-matrix.ts). */
@ApiTags('keys')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiForbiddenResponse({ description: 'the role may not manage keys' })
@Controller('v1/keys')
export class KeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for a role; the token is returned once' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto, description: 'the token is shown only here' })
  create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<ApiKeyCreatedDto> {
    return this.createKey.execute(dto, principal);
  }

  @Get()
  @ApiOperation({ summary: 'API keys (never their tokens)' })
  @ApiOkResponse({ type: [ApiKeyViewDto] })
  list(): Promise<ApiKeyViewDto[]> {
    return this.listKeys.execute();
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked (or already revoked)' })
  @ApiNotFoundResponse()
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.revokeKey.execute(id, principal);
  }
}
