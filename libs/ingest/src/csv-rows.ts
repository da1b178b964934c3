/**
 * CSV text → ParsedRow, through csv-parse in a stream pipeline (pull-driven: nothing is read ahead
 * of what the consumer takes, beyond the streams' small buffers).
 *
 * - `relax_column_count`: a row with more or fewer fields than the header becomes an error row
 *   (field `row`) instead of aborting the file.
 * - `relax_quotes`: a stray quote inside an unquoted field is kept literally.
 * - Record delimiters CRLF, LF and CR are all accepted (files glued together mix them).
 * - Line numbers are counted here, not taken from csv-parse (which counts CRLF inside quoted fields
 *   twice): blank lines are records too (then dropped), so each record starts on the line after
 *   the previous one ended.
 * - A quote left open at the end of the file makes the rest one malformed row (csv-parse skips it,
 *   we report it). A record that grows past `maxRecordBytes` fails the parse: it is an unbalanced
 *   quote swallowing the file, and buffering it would defeat streaming.
 */
import { Readable, pipeline } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { REJECTION_REASONS, ROW_FIELD, assignColumnValue, mapHeader, type HeaderMapping } from '@handover/domain';
import {
  DEFAULT_MAX_RECORD_BYTES,
  InventoryParseError,
  type ParseInventoryOptions,
  type ParsedRow,
} from './parsed-row';

interface CsvItem {
  record: string[];
  raw: string;
  info: Info;
}

interface SkippedRecord {
  /** Records csv-parse had emitted before this one. */
  recordsBefore: number;
  raw: string;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.includes('\n') || field.includes('\r')) breaks += field.match(LINE_BREAK)?.length ?? 0;
  }
  return breaks;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

function trimRaw(raw: string | undefined): string {
  return (raw ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '');
}

export async function* csvRows(text: AsyncIterable<string>, options: ParseInventoryOptions = {}): AsyncGenerator<ParsedRow> {
  const startAfter = options.startAfterLine ?? 0;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const skipped: SkippedRecord[] = [];
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    info: true,
    raw: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      skipped.push({ recordsBefore: err?.records ?? Number.MAX_SAFE_INTEGER, raw: trimRaw(raw) });
      return undefined;
    },
  });

  let nextLine = 1; // physical line on which the next record starts
  let fedBytes = 0;
  async function* feed(): AsyncGenerator<string> {
    for await (const chunk of text) {
      // info.bytes is where the last complete record ended: everything past it is one pending record
      // (plus at most the streams' buffers).
      if (fedBytes - parser.info.bytes > maxRecordBytes) {
        throw new InventoryParseError(
          'RECORD_TOO_LARGE',
          nextLine,
          `CSV record starting on line ${nextLine} exceeds ${maxRecordBytes} bytes (unbalanced quote?)`,
        );
      }
      fedBytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  // Errors of either stream surface through the parser's async iterator below.
  pipeline(Readable.from(feed()), parser, () => undefined);

  let header: HeaderMapping | undefined;
  let skipIndex = 0;
  function* flushSkipped(recordsEmitted: number): Generator<ParsedRow> {
    for (let s = skipped[skipIndex]; s !== undefined && s.recordsBefore < recordsEmitted; s = skipped[++skipIndex]) {
      const line = nextLine;
      nextLine += 1 + (s.raw.match(LINE_BREAK)?.length ?? 0);
      if (line > startAfter) yield { line, error: { field: ROW_FIELD, reason: REJECTION_REASONS.malformedRow }, raw: s.raw };
    }
  }

  for await (const item of parser as AsyncIterable<CsvItem>) {
    yield* flushSkipped(item.info.records);
    const fields = item.record;
    const line = nextLine;
    nextLine += 1 + countLineBreaks(fields);
    if (isBlank(fields)) continue;
    if (header === undefined) {
      header = mapHeader(fields);
      options.onHeader?.(header, line);
      continue;
    }
    if (line <= startAfter) continue;
    const expected = header.columns.length;
    if (fields.length !== expected) {
      const reason = fields.length > expected ? REJECTION_REASONS.tooManyFields : REJECTION_REASONS.tooFewFields;
      yield { line, error: { field: ROW_FIELD, reason }, raw: trimRaw(item.raw) };
      continue;
    }
    const record: Record<string, string> = {};
    for (const column of header.columns) assignColumnValue(record, column.key, fields[column.index] ?? '');
    yield { line, record };
  }
  yield* flushSkipped(Number.MAX_SAFE_INTEGER);
}
