import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { REQUEST_TYPES, type RequestType } from '@handover/domain';

/** Proposed new values of a correction (applied after review). */
export class PortalCorrectionsDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) name?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) email?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) phone?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) address?: string;
}

/** POST /api/c/{token}/requests (docs/api.md "Portal"): `{type, message?}`, plus `corrections` for type correct. */
export class PortalRequestDto {
  @IsIn(REQUEST_TYPES)
  type!: RequestType;

  @IsOptional() @IsString() @MaxLength(5000)
  message?: string;

  @IsOptional() @ValidateNested() @Type(() => PortalCorrectionsDto)
  corrections?: PortalCorrectionsDto;
}

/** 201: what the customer needs to follow their request (no personal data). */
export interface PortalRequestResponse {
  id: string;
  type: RequestType;
  status: 'open';
  dueDate: string;
  dueAt: string;
}
