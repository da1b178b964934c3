import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** Standard or URL-safe base64, as proto3 JSON encodes `bytes`. */
export const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
export const MAX_PAYLOADS = 1000;

/** `temporal.api.common.v1.Payload` in proto3 JSON: bytes as base64. */
export class PayloadJsonDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', format: 'byte' }, example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' } })
  @IsOptional() @IsObject() metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte' })
  @IsOptional() @IsString() @MaxLength(4 * 1024 * 1024) @Matches(BASE64, { message: 'must be base64' }) data?: string;
}

/** `temporal.api.common.v1.Payloads` in proto3 JSON: the body and answer of /codec/encode and /codec/decode. */
export class PayloadsJsonDto {
  @ApiProperty({ type: [PayloadJsonDto] })
  @IsArray() @ArrayMaxSize(MAX_PAYLOADS) @ValidateNested({ each: true }) @Type(() => PayloadJsonDto) payloads!: PayloadJsonDto[];
}
