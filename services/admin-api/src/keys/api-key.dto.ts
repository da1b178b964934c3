import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../auth/roles';
import { TEAM_ID } from '../cases/open-case.dto';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci-pipeline', description: 'a label for the key (not personal data)', maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/^[^\p{Cc}]+$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;

  @ApiPropertyOptional({
    example: 'tm_3q2-7wEjXvS0aZbK',
    description: "the team whose cases the key reaches (an existing team id, `default` included): required for every role but admin. An admin key spans all teams; its team, if given, is where the cases it opens go when they name none",
  })
  @ValidateIf((dto: CreateApiKeyDto) => dto.role !== 'admin' || dto.team !== undefined)
  @Matches(TEAM_ID, { message: 'must be a team id (required for every role but admin)' })
  team?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'the key authenticates until this instant (in the future); default: no expiry' })
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

export class ApiKeyCreatedDto {
  @ApiProperty({ example: 'key_3q2-7wEjXvS0aZbK' }) id!: string;
  @ApiProperty({ example: 'hov_…', description: 'the bearer token; shown only in this answer, stored only as a hash' }) token!: string;
}

export class ApiKeyViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiPropertyOptional({ description: 'the team whose cases the key reaches (absent: an admin key without a team)' }) team?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'updated at most once a minute' }) lastUsedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
}
