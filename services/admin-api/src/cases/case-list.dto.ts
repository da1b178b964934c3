import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PHASES, type Phase } from '@handover/contracts';
import { PageDto, PageQueryDto } from '../common/paging';
import { CASE_KINDS, JURISDICTIONS } from './open-case.dto';
import { CASE_STATUSES, CaseCountersDto, RouteCountsDto } from './case-status.dto';

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: (typeof CASE_STATUSES)[number];
  @ApiPropertyOptional({ enum: CASE_KINDS }) @IsOptional() @IsIn(CASE_KINDS) kind?: (typeof CASE_KINDS)[number];
  @ApiPropertyOptional({ enum: PHASES }) @IsOptional() @IsIn(PHASES) phase?: Phase;
  @ApiPropertyOptional({
    description: 'a prefix of the case id, or a case-insensitive part of a company name (transferor or recipient); names of individuals are not searchable',
    maxLength: 200,
  })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) q?: string;
}

export class CompanyNameDto {
  @ApiProperty() name!: string;
}

/**
 * One case in the list: nothing personal. Per-case counters are not here yet: they come from the
 * case-statistics document (one read per page), added next to `routes` when it exists.
 */
export class CaseListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: CompanyNameDto }) transferor!: CompanyNameDto;
  @ApiPropertyOptional({ type: CompanyNameDto, description: 'absent: no successor' }) recipient?: CompanyNameDto;
  @ApiPropertyOptional({ type: RouteCountsDto, description: 'the route summary stored at the last import or at the inventory gate' }) routes?: RouteCountsDto;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'the earliest deadline the case stores that is still ahead, or null' })
  nextDeadline!: string | null;
  @ApiPropertyOptional({ type: CaseCountersDto, description: "the case's counters, as GET /v1/cases/{id} shows them" }) counters?: CaseCountersDto;
}

export class CaseListDto extends PageDto(CaseListItemDto, 'CaseListPageDto') {}
