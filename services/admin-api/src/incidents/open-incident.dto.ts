import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, MaxLength, Min, MinLength, ValidateIf,
} from 'class-validator';
import { INCIDENT_CATEGORIES, INCIDENT_CLOCK_KEYS, JURISDICTIONS } from '@handover/domain';

export const OPERATOR_TYPES = ['ordinary', 'ciio', 'state-organ'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

export class OpenIncidentDto {
  @ApiProperty({ example: '客户数据库备份文件外泄', description: 'describes the incident, never a person' })
  @IsString() @MinLength(1) @MaxLength(200) title!: string;

  @ApiPropertyOptional({ description: 'the case whose inventory holds the affected customers (also gives the jurisdiction and the case manager for escalations)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) caseId?: string;

  @ApiProperty({ example: '2026-03-01T10:00:00+08:00', description: 'awareness time (发现或获知): every awareness clock runs from here' })
  @IsISO8601({ strict: true }) detectedAt!: string;

  @ApiProperty({
    enum: INCIDENT_CATEGORIES, isArray: true, example: ['bank_card', 'id_number'],
    description: 'inventory sensitive categories (customers holding ANY of them are affected) or contact / transactions / all (every customer of the case)',
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsIn(INCIDENT_CATEGORIES, { each: true }) categories!: string[];

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'risk to individuals: low = unlikely to result in a risk (EU: no authority report), high = high risk (EU: individuals told). Default medium' })
  @IsOptional() @IsIn(SEVERITIES) severity?: (typeof SEVERITIES)[number];

  @ApiPropertyOptional({ default: false, description: 'drill: same playbook, clocks and tasks; notices go only to the internal addresses, never to customers' })
  @IsOptional() @IsBoolean() drill?: boolean;

  @ApiPropertyOptional({ enum: OPERATOR_TYPES, default: 'ordinary', description: 'ciio: critical information infrastructure operator (1 h report); state-organ: central/state organ (2 h)' })
  @IsOptional() @IsIn(OPERATOR_TYPES) operatorType?: (typeof OPERATOR_TYPES)[number];

  @ApiPropertyOptional({ enum: JURISDICTIONS, description: "default: the case's jurisdiction, else CN-PIPL" })
  @IsOptional() @IsIn(JURISDICTIONS) jurisdiction?: (typeof JURISDICTIONS)[number];

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string' }, example: { containment: 'PT3S', 'authority-report': 'PT30S' },
    description: `shortened clocks, ISO-8601 durations by deadline name or task id (${INCIDENT_CLOCK_KEYS.join(', ')}); accepted ONLY for drills (drill: true) or when the API runs with NODE_ENV=test`,
  })
  @IsOptional() @IsObject() clockOverrides?: Record<string, string>;

  @ApiPropertyOptional({ description: 'cause of the incident as known (notice item 1); default: under investigation' })
  @IsOptional() @IsString() @MaxLength(2000) cause?: string;

  @ApiPropertyOptional({ type: [String], description: 'measures taken (notice item 2); default: the playbook wording' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) measures?: string[];

  @ApiPropertyOptional({ description: 'contact for individuals and the authority (notice item 3); default: the first internal incident address' })
  @IsOptional() @IsString() @MinLength(3) @MaxLength(200) contact?: string;

  @ApiPropertyOptional({ description: 'PIPL Art. 57(2): measures effectively avoid harm, individuals need not be told (requires harmAvoidedJustification)' })
  @IsOptional() @IsBoolean() harmAvoided?: boolean;

  @ApiPropertyOptional({ description: 'the recorded justification that harm is avoided' })
  @ValidateIf((o: OpenIncidentDto) => o.harmAvoided === true) @IsString() @MinLength(10) @MaxLength(2000) harmAvoidedJustification?: string;

  @ApiPropertyOptional({ description: 'people affected when the incident concerns no case inventory (without caseId only)' })
  @IsOptional() @IsInt() @Min(0) affectedEstimate?: number;
}

export class IncidentCreatedDto {
  @ApiProperty({ example: 'inc_3q2nV0cI5aQm9x1Z' }) id!: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'stored encrypted with the incident' })
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
