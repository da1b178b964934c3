/**
 * NDJSON text → ParsedRow: one JSON object per line, keys being English or Chinese column names
 * (mapped like a CSV header; unknown keys kept). Blank lines are skipped but counted. A line that is
 * not JSON, or not an object, becomes an error row (field `row`). A line longer than
 * `maxRecordBytes` is reported and skipped without being held in memory.
 */
import {
  REJECTION_REASONS,
  ROW_FIELD,
  assignColumnValue,
  canonicalColumn,
  cleanHeaderName,
  type RejectionReason,
} from '@handover/domain';
import { DEFAULT_MAX_RECORD_BYTES, type ParseInventoryOptions, type ParsedRow } from './parsed-row';

/** Flattens a JSON value into the text a CSV cell would hold (arrays become `;`-separated lists). */
export function jsonValueToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(jsonValueToText).join(';');
  return JSON.stringify(value);
}

function toRecord(object: Record<string, unknown>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    const name = canonicalColumn(key) ?? cleanHeaderName(key);
    if (name !== '') assignColumnValue(record, name, jsonValueToText(value));
  }
  return record;
}

/** One JSON text (an NDJSON line, a JSON array element) → a row, or an error row keeping the text for the quarantine. */
export function parseJsonRecord(line: number, text: string): ParsedRow {
  let value: unknown;
  const fail = (reason: RejectionReason): ParsedRow => ({ line, error: { field: ROW_FIELD, reason }, raw: text });
  try {
    value = JSON.parse(text);
  } catch {
    return fail(REJECTION_REASONS.invalidJson);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(REJECTION_REASONS.notAnObject);
  return { line, record: toRecord(value as Record<string, unknown>) };
}

/** The over-long line itself is not kept (raw is empty): holding it is what the limit prevents. */
function tooLarge(line: number): ParsedRow {
  return { line, error: { field: ROW_FIELD, reason: REJECTION_REASONS.rowTooLarge }, raw: '' };
}

export async function* ndjsonRows(text: AsyncIterable<string>, options: ParseInventoryOptions = {}): AsyncGenerator<ParsedRow> {
  const startAfter = options.startAfterLine ?? 0;
  const maxChars = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let line = 0;
  let carry = '';
  let overlong = false; // dropping the rest of a too-long line

  function* complete(content: string): Generator<ParsedRow> {
    line++;
    if (overlong) {
      overlong = false;
      return; // already reported
    }
    const body = content.endsWith('\r') ? content.slice(0, -1) : content;
    if (body.trim() === '' || line <= startAfter) return;
    if (body.length > maxChars) yield tooLarge(line);
    else yield parseJsonRecord(line, body);
  }

  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      yield* complete(carry === '' ? piece : carry + piece);
      carry = '';
      start = nl + 1;
    }
    if (overlong) continue;
    carry += chunk.slice(start);
    if (carry.length > maxChars) {
      overlong = true;
      carry = '';
      if (line + 1 > startAfter) yield tooLarge(line + 1);
    }
  }
  if (carry !== '' || overlong) yield* complete(carry);
}
