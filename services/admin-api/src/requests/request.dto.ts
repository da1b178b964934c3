import { PageDto, PageQueryDto } from '../common/paging';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REQUEST_OUTCOMES, REQUEST_STATUSES, REQUEST_TYPES, type RequestOutcome, type RequestStatus, type RequestType } from '@handover/domain';

export const ID = /^[A-Za-z0-9_:-]{1,128}$/;

/** Proposed new values of a correction (PIPL Art. 46); applied when the request is resolved done. */
export class CorrectionsDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) name?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) email?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) phone?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) address?: string;
}

/** POST /v1/requests: a case manager files a request on a customer's behalf (letter, phone call, counter). */
export class FileRequestDto {
  @ApiProperty() @IsString() @Matches(ID, { message: 'must be a case id' }) caseId!: string;
  @ApiPropertyOptional({ description: "the transferor's customer_id (as in the inventory); or give customerRef" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) customerId?: string;
  @ApiPropertyOptional({ description: 'the customer reference (32 hex, as in lists and the handover package); or give customerId' })
  @IsOptional() @IsString() @Matches(/^[a-f0-9]{16,64}$/, { message: 'must be a customer reference' }) customerRef?: string;
  @ApiProperty({ enum: REQUEST_TYPES }) @IsIn(REQUEST_TYPES) type!: RequestType;
  @ApiPropertyOptional({ maxLength: 5000, description: 'free text, encrypted at rest' }) @IsOptional() @IsString() @MaxLength(5000) message?: string;
  @ApiPropertyOptional({ type: CorrectionsDto, description: 'type correct only' }) @IsOptional() @ValidateNested() @Type(() => CorrectionsDto) corrections?: CorrectionsDto;
}

export class RequestFiledDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
  @ApiProperty({ example: '2026-12-14' }) dueDate!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ description: 'the customer was taken out of the transfer (delete/object before handover)' }) excluded!: boolean;
}

export class ListRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "one case's requests, in filing order; without it, the requests of every case the caller reaches (an admin: all), soonest due first" })
  @IsOptional() @IsString() @Matches(ID, { message: 'must be a case id' }) caseId?: string;
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
}

export class RequestSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'customer reference (blind index), never personal data' }) customerRef!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) type!: RequestType;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty({ enum: ['customer', 'manager'] }) filedBy!: 'customer' | 'manager';
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() extended!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) remindedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) escalatedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional({ enum: REQUEST_OUTCOMES }) outcome?: RequestOutcome;
  @ApiProperty() excluded!: boolean;
  @ApiProperty({ description: 'withdrawal forwarded to the recipient' }) forwarded!: boolean;
  @ApiProperty() late!: boolean;
}

export class RequestDetailDto extends RequestSummaryDto {
  @ApiPropertyOptional({ description: "the customer's text (decrypted for the case manager)" }) message?: string;
  @ApiPropertyOptional({ type: CorrectionsDto }) corrections?: CorrectionsDto;
  @ApiProperty({ type: [Object], description: 'rule ids and articles of the due date' }) deadlineReasons!: Array<{ ruleId: string; article: string }>;
  @ApiProperty({ example: 'EU-DE', description: 'the working calendar that counted the due date (CN official data and loaded files, an EU member state, or weekends-only)' }) calendarId!: string;
}

/** POST /v1/requests/{id}/resolve. A refusal needs reasons; it names the routes of complaint (PIPL Art. 50). */
export class ResolveRequestDto {
  @ApiProperty({ enum: REQUEST_OUTCOMES }) @IsIn(REQUEST_OUTCOMES) outcome!: RequestOutcome;
  @ApiPropertyOptional({ maxLength: 5000, description: 'required when refused; sent to the customer; encrypted at rest' })
  @IsOptional() @IsString() @MaxLength(5000) reasons?: string;
  @ApiPropertyOptional({ type: [String], description: 'complaint route ids of the jurisdiction (default: all of them)', example: ['cn.cac-complaint', 'cn.court'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(100, { each: true }) complaintRoutes?: string[];
  @ApiPropertyOptional({ type: [String], description: 'further routes of complaint in words (e.g. the organisation DPO contact)' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsString({ each: true }) @MaxLength(500, { each: true }) extraComplaintRoutes?: string[];
}

export class RequestResolvedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REQUEST_OUTCOMES }) outcome!: RequestOutcome;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
  @ApiProperty() late!: boolean;
}

/** POST /v1/requests/{id}/extend: once, with the reason the customer is sent. */
export class ExtendRequestDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class RequestExtendedDto {
  @ApiProperty() id!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class RequestPageDto extends PageDto(RequestSummaryDto, 'RequestPageDto') {}
