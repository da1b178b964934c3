import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicApiDoc } from '../common/api-doc.decorator';
import type { AdminApiConfig } from '@handover/config';
import { Public } from '../auth/roles';
import { ADMIN_CONFIG } from '../common/tokens';
import { CreateApiKeyUseCase } from '../keys/create-api-key.use-case';
import { DeviceLogins } from './device-logins';
import { oidcError, oidcFailure } from './oidc-errors';
import { OidcRelyingParty } from './oidc-relying-party';
import { DeviceAuthorizationDto, DeviceTokenDto, DeviceTokenRequestDto } from './oidc.dto';

/**
 * The CLI's sign-in (`handover login` without a token): the device authorization grant, brokered
 * by this API so the CLI needs no client of its own at the provider. The person approves in any
 * browser; the CLI then receives an API key with the person's role and team that expires after
 * OIDC_CLI_KEY_HOURS (listed and revocable like any key).
 */
@ApiTags('session')
@Controller('auth/device')
export class DeviceController {
  constructor(
    private readonly relyingParty: OidcRelyingParty,
    private readonly logins: DeviceLogins,
    private readonly createKey: CreateApiKeyUseCase,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  @Public()
  @Post()
  @PublicApiDoc('Start a CLI sign-in: a user code and the URL where a person enters it', {
    created: { type: DeviceAuthorizationDto },
    notFound: 'OIDC_NOT_CONFIGURED',
    badGateway: 'OIDC_PROVIDER_UNAVAILABLE',
  })
  async begin(): Promise<DeviceAuthorizationDto> {
    const device = await this.relyingParty.beginDevice();
    const deviceCode = this.logins.begin(device.expires_in, (signal) => this.relyingParty.completeDevice(device, signal));
    return {
      deviceCode,
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      ...(device.verification_uri_complete !== undefined && { verificationUriComplete: device.verification_uri_complete }),
      expiresIn: device.expires_in,
      interval: device.interval ?? 5,
    };
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @PublicApiDoc('Poll a CLI sign-in: `pending`, or `complete` with an expiring API key for the person', {
    ok: { type: DeviceTokenDto },
    badRequest: 'OIDC_DEVICE_CODE_UNKNOWN: unknown, already collected or expired; VALIDATION_FAILED names `deviceCode`',
    forbidden: 'OIDC_ACCESS_DENIED (the person refused), OIDC_ROLE_UNKNOWN, OIDC_TEAM_UNKNOWN',
  })
  async token(@Body() dto: DeviceTokenRequestDto): Promise<DeviceTokenDto> {
    const outcome = this.logins.collect(dto.deviceCode);
    if (!outcome) throw oidcError('OIDC_DEVICE_CODE_UNKNOWN', 'no CLI sign-in under way with this deviceCode: run `handover login` again');
    if (outcome.state === 'pending') return { status: 'pending' };
    if (outcome.state === 'failed') throw oidcFailure(outcome.error);
    const { principal } = outcome;
    const expiresAt = new Date(Date.now() + this.config.OIDC_CLI_KEY_HOURS * 3_600_000).toISOString();
    const key = await this.createKey.execute({ name: `cli sign-in ${principal.id}`, role: principal.role, ...(principal.team !== undefined && { team: principal.team }), expiresAt }, principal);
    return { status: 'complete', token: key.token, keyId: key.id, role: principal.role, ...(principal.team !== undefined && { team: principal.team }), expiresAt };
  }
}
