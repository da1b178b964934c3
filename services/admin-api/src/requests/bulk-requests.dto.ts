import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REQUEST_STATUSES, REQUEST_TYPES, type RequestStatus, type RequestType } from '@handover/domain';
import { ID } from './request.dto';

export const BULK_ACTIONS = ['extend', 'resolve', 'refuse'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Matches beyond this are not acted on (`more: true`): narrow the filter and run again. */
export const BULK_MATCH_LIMIT = 500;

export class BulkRequestFilterDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
  @ApiPropertyOptional({ description: "one case (of the caller's team); all its cases when absent" })
  @IsOptional() @IsString() @Matches(ID, { message: 'must be a case id' }) caseId?: string;
  @ApiPropertyOptional({ enum: REQUEST_TYPES }) @IsOptional() @IsIn(REQUEST_TYPES) kind?: RequestType;
  @ApiPropertyOptional({ type: [String], maxItems: BULK_MATCH_LIMIT, description: "only these requests (a selection; ids outside the caller's cases match nothing)" })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BULK_MATCH_LIMIT) @IsString({ each: true }) @Matches(ID, { each: true, message: 'each must be a request id' }) ids?: string[];
}

/** POST /v1/requests/bulk: one action on every request the filter matches in the caller's cases, less the excluded. */
export class BulkRequestsDto {
  @ApiProperty({ type: BulkRequestFilterDto }) @IsDefined() @ValidateNested() @Type(() => BulkRequestFilterDto) filter!: BulkRequestFilterDto;
  @ApiProperty({ enum: BULK_ACTIONS, description: 'extend: the due date once; resolve: done; refuse: resolved refused (the reason sent to each customer)' })
  @IsIn(BULK_ACTIONS) action!: BulkAction;
  @ApiProperty({ maxLength: 2000, description: 'the reason of the extension or refusal (sent to each customer); the note of a resolution' })
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ type: [String], description: 'request ids matched but not to be acted on' })
  @IsOptional() @IsArray() @ArrayMaxSize(BULK_MATCH_LIMIT) @IsString({ each: true }) @Matches(ID, { each: true, message: 'each must be a request id' }) exclude?: string[];
}

export class BulkSkipDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the error code the single-request action answered, e.g. REQUEST_ALREADY_EXTENDED' }) code!: string;
}

export class BulkRequestsResultDto {
  @ApiProperty({ description: 'requests the filter matched in the caller\'s cases (excluded ones included)' }) matched!: number;
  @ApiProperty() acted!: number;
  @ApiProperty({ description: 'matched requests left alone because they were in `exclude`' }) excluded!: number;
  @ApiProperty({ type: [BulkSkipDto], description: 'matched requests the action refused, with the reason' }) skipped!: BulkSkipDto[];
  @ApiProperty({ description: `more than ${BULK_MATCH_LIMIT} matched: only the first (soonest due) were considered` }) more!: boolean;
}
