import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ROLES } from '../auth/roles';

export class CreateSessionDto {
  @ApiProperty({ description: 'the bootstrap admin token or an API key; checked, never stored in the browser', example: 'hov_…', maxLength: 512 })
  @IsString() @MaxLength(512) @Matches(/^\S+$/, { message: 'must be a token without spaces' })
  token!: string;
}

export class SessionDto {
  @ApiProperty({ description: 'the key id (or `bootstrap-admin`): the actor in the audit trail', example: 'key_3q2-7wEjXvS0aZbK' }) principalId!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiPropertyOptional({ description: 'the team whose cases the session reaches (absent for an admin without one)' }) team?: string;
  @ApiProperty({ description: 'send it in X-CSRF-Token on every state-changing request made with the session cookie; keep it in memory only' }) csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'the session ends then at the latest (or after 30 minutes without a request)' }) expiresAt!: string;
}
