import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListAuditQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'return events with seq greater than this (the `next` of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class AuditActorDto {
  @ApiProperty({ description: 'API key id, bootstrap-admin or system' }) id!: string;
  @ApiProperty() role!: string;
}

export class AuditSubjectDto {
  @ApiProperty({ example: 'case' }) type!: string;
  @ApiProperty() id!: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'the case id, or `global` for key events' }) caseId!: string;
  @ApiProperty({ minimum: 1 }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'case.opened' }) action!: string;
  @ApiProperty({ type: AuditSubjectDto }) subject!: AuditSubjectDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'ids and counters only' }) data!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'hash of the previous event; null for the first' }) prevHash!: string | null;
  @ApiProperty({ description: 'SHA-256 hex of prevHash + canonical JSON of the other fields' }) hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'pass as `after` for the next page; null when this page is the last' })
  next!: number | null;
}

export class AuditVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'number of events examined' }) events!: number;
  @ApiPropertyOptional({ description: 'seq of the first event whose hash or link does not match' }) firstBrokenAt?: number;
}
