import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../auth/roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ci-pipeline', description: 'a label for the key (not personal data)', maxLength: 100 })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/^[^\p{Cc}]+$/u, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
}

export class ApiKeyCreatedDto {
  @ApiProperty({ example: 'key_3q2-7wEjXvS0aZbK' }) id!: string;
  @ApiProperty({ example: 'hov_…', description: 'the bearer token; shown only in this answer, stored only as a hash' }) token!: string;
}

export class ApiKeyViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'updated at most once a minute' }) lastUsedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
}
