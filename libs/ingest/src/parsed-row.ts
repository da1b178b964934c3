import type { HeaderMapping, RejectionReason } from '@handover/domain';
import type { EncodingDetection, InventoryEncoding } from './detect-encoding';

export type InventoryFormat = 'csv' | 'ndjson' | 'json';

export interface RowError {
  field: 'row';
  reason: RejectionReason;
}

/**
 * One physical record of the inventory file. `line` is 1-based: for CSV the physical line on which
 * the record starts (header = line 1 when the file starts with it; blank lines and line breaks
 * inside quoted fields are counted, as an editor counts them), for NDJSON the line number, for a
 * JSON array the element's position (1-based).
 */
export type ParsedRow =
  | {
      line: number;
      /** Keys: canonical column names for known columns, the header (or JSON key) for unknown ones. */
      record: Record<string, string>;
      error?: undefined;
      raw?: undefined;
    }
  | {
      line: number;
      record?: undefined;
      error: RowError;
      /**
       * The row's original text, for the encrypted quarantine (correction and re-import).
       * Personal data: never log it, never send it back in an API answer.
       */
      raw: string;
    };

export interface ParseInventoryOptions {
  /** Resume after a checkpoint: rows on lines ≤ this are parsed but not yielded (the CSV header is still read). */
  startAfterLine?: number;
  /** CSV: called once with the header mapping (and the header's line) before the first row. */
  onHeader?: (mapping: HeaderMapping, line: number) => void;
  /** Called once when the encoding is decided. */
  onEncoding?: (detection: EncodingDetection) => void;
  /** Skip detection, e.g. when the request names its charset. */
  encoding?: InventoryEncoding;
  /** CSV field delimiter. Default ','. */
  delimiter?: string;
  /**
   * Largest record. CSV: bytes of text past the last complete record before parsing fails with
   * InventoryParseError (an unbalanced quote would otherwise pull the rest of the file into memory).
   * NDJSON: characters of one line; a longer line becomes a `row` error and is skipped unread.
   * JSON array: characters of one element, likewise.
   * Default 8 MiB.
   */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

export type InventoryParseErrorCode = 'RECORD_TOO_LARGE' | 'NOT_A_JSON_ARRAY' | 'JSON_ARRAY_MALFORMED';

/** A file-level failure: the import cannot go on. The message never contains file content. */
export class InventoryParseError extends Error {
  constructor(
    readonly code: InventoryParseErrorCode,
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'InventoryParseError';
  }
}
