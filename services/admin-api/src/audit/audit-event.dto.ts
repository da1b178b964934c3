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
  @ApiProperty({ description: 'SHA-256 hex of prevHash + canonical JSON of the other fields except mac' }) hash!: string;
  @ApiPropertyOptional({ enum: [2], description: 'scheme: absent for the unkeyed events of the first releases, 2 for keyed events' }) v?: number;
  @ApiPropertyOptional({ description: 'id of the audit key under which mac was computed (scheme 2)' }) keyId?: string;
  @ApiPropertyOptional({ description: 'HMAC-SHA256 hex of hash under the audit key, which the database does not hold (scheme 2)' }) mac?: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'pass as `after` for the next page; null when this page is the last' })
  next!: number | null;
}

export class AuditSchemesDto {
  @ApiProperty({ description: 'unkeyed events (scheme 1, before keyed chains)' }) unkeyed!: number;
  @ApiProperty({ description: 'keyed events (scheme 2)' }) keyed!: number;
}

export class AuditCheckpointSummaryDto {
  @ApiProperty({ description: 'seq of the last event the checkpoint covers' }) seq!: number;
  @ApiProperty() count!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AuditVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'number of events examined' }) events!: number;
  @ApiPropertyOptional({ description: 'seq of the first bad position' }) firstBrokenAt?: number;
  @ApiPropertyOptional({
    enum: ['edited', 'deleted', 'inserted', 'reordered', 'truncated', 'checkpoint-forged'],
    description: 'what the first break looks like (truncated: a signed checkpoint reaches beyond the last event)',
  })
  kind?: string;
  @ApiProperty({ type: AuditSchemesDto }) schemes!: AuditSchemesDto;
  @ApiPropertyOptional({ type: AuditCheckpointSummaryDto, description: 'the latest validly signed checkpoint the chain was held against' })
  checkpoint?: AuditCheckpointSummaryDto;
}

export class AuditPublicKeyDto {
  @ApiProperty({ description: 'id of the checkpoint signing key (`as-` + 16 hex of SHA-256 over the public key)' }) keyId!: string;
  @ApiProperty({ description: 'the Ed25519 public key, SPKI PEM: give it to `handover audit verify-file --public-key`' }) publicKey!: string;
  @ApiProperty({ description: 'id of the HMAC audit key written on each keyed event (the key itself never leaves the services)' }) auditKeyId!: string;
}
