/**
 * A quarantined inventory row: where it was, which column was at fault and why. The raw record
 * is kept only as ciphertext (for correction and re-import); `reason` is a fixed phrase, never
 * the rejected value.
 */
export interface RejectionEntity {
  caseId: string;
  importId: string;
  line: number;
  /** The column's English name, or `row` when the row itself is malformed. */
  field: string;
  reason: string;
  /** FieldCipher ciphertext of the raw record JSON, AAD `<caseId>:rejection:<importId>:<line>`. */
  rawEnc: string;
  createdAt: Date;
}

/** What the rejected-rows listing shows (docs/api.md): no raw data. */
export interface RejectionSummary {
  /** Cursor for the next page (`after`). */
  id: string;
  importId: string;
  line: number;
  field: string;
  reason: string;
}

const LINE_DIGITS = 10;

/**
 * `<importId>:<line zero-padded to 10>`: padded so that `_id` order is line order within an
 * import (the listing pages by `_id`). One rejection per row: a retried batch rewrites nothing.
 */
export const rejectionId = (importId: string, line: number): string => `${importId}:${String(line).padStart(LINE_DIGITS, '0')}`;

export const rejectionAad = (caseId: string, importId: string, line: number): string => `${caseId}:rejection:${importId}:${line}`;

/** Accepts a cursor with or without the zero padding (`imp_x:12` or `imp_x:0000000012`). */
export function normaliseRejectionCursor(cursor: string): string {
  const match = /^(.*):(\d{1,10})$/.exec(cursor);
  return match ? rejectionId(match[1] as string, Number(match[2])) : cursor;
}
