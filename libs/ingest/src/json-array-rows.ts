/**
 * JSON array text → ParsedRow: a top-level array of row objects (`[{...}, {...}]`, what many exports
 * produce), tokenized as it streams: only the element being read is held, never the whole file.
 * Each element is then handled like an NDJSON line (keys mapped like a CSV header, unknown keys
 * kept; not JSON or not an object → an error row with field `row`). `line` is the element's
 * position in the array (1-based): a minified file has every element on one physical line.
 * An element longer than `maxRecordBytes` characters becomes a `row` error without being kept.
 * A file that is not an array, or has content after its closing bracket, fails with
 * InventoryParseError; a truncated file yields its last, partial element as an error row.
 */
import { REJECTION_REASONS, ROW_FIELD } from '@handover/domain';
import { parseJsonRecord } from './ndjson-rows';
import { DEFAULT_MAX_RECORD_BYTES, InventoryParseError, type ParseInventoryOptions, type ParsedRow } from './parsed-row';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

type State = 'start' | 'between' | 'element' | 'end';

export async function* jsonArrayRows(text: AsyncIterable<string>, options: ParseInventoryOptions = {}): AsyncGenerator<ParsedRow> {
  const startAfter = options.startAfterLine ?? 0;
  const maxChars = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let state: State = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = 0;
  let parts: string[] = [];
  let size = 0;
  let overlong = false;

  const keep = (piece: string): void => {
    if (overlong) return;
    size += piece.length;
    if (size > maxChars) {
      overlong = true;
      parts = [];
    } else parts.push(piece);
  };

  const finish = (): ParsedRow | null => {
    element++;
    const body = parts.join('').trim();
    const tooLong = overlong;
    parts = [];
    size = 0;
    overlong = false;
    depth = 0;
    if (element <= startAfter) return null;
    if (tooLong) return { line: element, error: { field: ROW_FIELD, reason: REJECTION_REASONS.rowTooLarge }, raw: '' };
    return parseJsonRecord(element, body);
  };

  for await (const chunk of text) {
    let from = 0; // where the current element's text starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
        else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
          keep(chunk.slice(from, i));
          const row = finish();
          if (row) yield row;
          state = c === COMMA ? 'between' : 'end';
        }
        continue;
      }
      if (isWhitespace(c)) continue;
      if (state === 'start') {
        if (c !== OPEN_BRACKET) throw new InventoryParseError('NOT_A_JSON_ARRAY', 0, 'the file is not a JSON array');
        state = 'between';
      } else if (state === 'between') {
        if (c === CLOSE_BRACKET && element === 0) state = 'end';
        else {
          state = 'element';
          from = i;
          i--; // read this character again as the element's first
        }
      } else {
        throw new InventoryParseError('JSON_ARRAY_MALFORMED', element, 'content after the closing bracket of the array');
      }
    }
    if (state === 'element') keep(chunk.slice(from));
  }
  if (state === 'element') {
    const row = finish();
    if (row) yield row;
  }
}
