import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PageDto, PageQueryDto } from '../common/paging';

const INCIDENT_STATUSES = ['assessing', 'open', 'closed'] as const;

export class ListIncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: drills only; false: real incidents only' })
  @IsOptional() @IsIn(['true', 'false']) drill?: 'true' | 'false';
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a case id' }) caseId?: string;
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES }) @IsOptional() @IsIn(INCIDENT_STATUSES) status?: (typeof INCIDENT_STATUSES)[number];
}

export class IncidentListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() caseId?: string;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiPropertyOptional() severity?: string;
  @ApiProperty() drill!: boolean;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class IncidentPageDto extends PageDto(IncidentListItemDto, 'IncidentPageDto') {}
