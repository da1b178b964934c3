import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { invalidField } from '@handover/http';
import { InvalidCursorError } from '@handover/persistence';

export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 50;

/** `cursor` and `limit` of every paged list (keyset paging: the cursor is the previous page's `nextCursor`). */
export class PageQueryDto {
  @ApiPropertyOptional({ description: "opaque: the previous page's nextCursor", maxLength: 512 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(512) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional() @TransformType(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_LIMIT) limit?: number;
}

/** The page request of a query: the default limit, the cursor when given. */
export const pageOf = (query: PageQueryDto): { limit: number; cursor?: string } => ({
  limit: query.limit ?? DEFAULT_PAGE_LIMIT,
  ...(query.cursor !== undefined && { cursor: query.cursor }),
});

/** Runs a paged read; a cursor this list did not issue is a 400 naming `cursor`. */
export async function readPage<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw invalidField('cursor', error.message);
    throw error;
  }
}

/** The OpenAPI shape of a page of `item`: `{items, nextCursor, total}`. */
export function PageDto<T>(item: Type<T>, name: string): Type<{ items: T[]; nextCursor: string | null; total: number }> {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({ type: 'string', nullable: true, description: 'the cursor of the next page; null on the last page' }) nextCursor!: string | null;
    @ApiProperty({ description: 'items matching the filters, all pages together' }) total!: number;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
