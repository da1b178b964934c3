import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { AppError } from '@handover/http';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiHeader, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import type { AdminApiConfig } from '@handover/config';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { ADMIN_CONFIG } from '../common/tokens';
import { DecodePayloadsUseCase } from './decode-payloads.use-case';
import { EncodePayloadsUseCase } from './encode-payloads.use-case';
import { PayloadsJsonDto } from './payloads.dto';

/**
 * Temporal's remote codec protocol, for the Temporal UI (README: "Decoded payloads in the Temporal
 * UI"). Bearer token, or the codec cookie set by /codec/session. Roles: access-matrix.ts.
 */
@ApiTags('codec')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'the Temporal namespace; only the configured one is served' })
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@ApiForbiddenResponse({ description: 'the role may not use the codec' })
@ApiBadRequestResponse({ description: 'not a Payloads message, an undecodable payload, or another namespace' })
@Controller('codec')
export class CodecController {
  constructor(
    private readonly decodePayloads: DecodePayloadsUseCase, private readonly encodePayloads: EncodePayloadsUseCase,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  @Post('decode')
  @HttpCode(200)
  @ApiDoc('decrypt payloads (binary/encrypted → the original payloads)', { ok: { type: PayloadsJsonDto } })
  decode(@Body() body: PayloadsJsonDto, @Headers('x-namespace') namespace: string | undefined, @CurrentPrincipal() principal: Principal): Promise<PayloadsJsonDto> {
    this.requireNamespace(namespace);
    return this.decodePayloads.execute(body, principal);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiDoc('encrypt payloads as the workers do', { ok: { type: PayloadsJsonDto } })
  encode(@Body() body: PayloadsJsonDto, @Headers('x-namespace') namespace: string | undefined): Promise<PayloadsJsonDto> {
    this.requireNamespace(namespace);
    return this.encodePayloads.execute(body);
  }

  private requireNamespace(namespace: string | undefined): void {
    if (namespace !== undefined && namespace !== this.config.TEMPORAL_NAMESPACE) {
      throw new AppError('UNKNOWN_NAMESPACE', `this codec serves the namespace ${this.config.TEMPORAL_NAMESPACE} only`, HttpStatus.BAD_REQUEST);
    }
  }
}
