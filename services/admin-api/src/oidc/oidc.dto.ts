import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ROLES } from '../auth/roles';

export class SignInMethodsDto {
  @ApiProperty({ description: 'a bootstrap token or API key can be exchanged at POST /auth/session' }) token!: boolean;
  @ApiProperty({ description: 'OpenID Connect is configured: browsers sign in at GET /auth/login, the CLI at POST /auth/device' }) oidc!: boolean;
}

export class DeviceAuthorizationDto {
  @ApiProperty({ description: 'this sign-in, for POST /auth/device/token (not the provider\'s device code)' }) deviceCode!: string;
  @ApiProperty({ description: 'the code the person enters at the verification URL', example: 'WDJB-MJHT' }) userCode!: string;
  @ApiProperty({ format: 'uri', description: "the provider's page where the person enters the code" }) verificationUri!: string;
  @ApiPropertyOptional({ format: 'uri', description: 'the same page with the code filled in' }) verificationUriComplete?: string;
  @ApiProperty({ description: 'seconds until the code expires' }) expiresIn!: number;
  @ApiProperty({ description: 'seconds to wait between two polls of POST /auth/device/token' }) interval!: number;
}

export class DeviceTokenRequestDto {
  @ApiProperty({ description: 'the deviceCode of POST /auth/device' })
  @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the deviceCode of POST /auth/device' })
  deviceCode!: string;
}

export class DeviceTokenDto {
  @ApiProperty({ enum: ['pending', 'complete'], description: '`pending`: the person has not approved yet, poll again after `interval` seconds' }) status!: 'pending' | 'complete';
  @ApiPropertyOptional({ description: 'an API key for this person (role and team from the claims), shown once; present when complete' }) token?: string;
  @ApiPropertyOptional({ example: 'key_3q2-7wEjXvS0aZbK' }) keyId?: string;
  @ApiPropertyOptional({ enum: ROLES }) role?: string;
  @ApiPropertyOptional() team?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'the key stops authenticating then (OIDC_CLI_KEY_HOURS)' }) expiresAt?: string;
}
