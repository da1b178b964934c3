/**
 * CSV text → ParsedRow, through csv-parse in a stream pipeline (pull-driven: nothing is read ahead
 * of what the consumer takes, beyond the streams' small buffers).
 *
 * - `relax_column_count`: a row with more or fewer fields than the header becomes an error row
 *   (field `row`) instead of aborting the file.
 * - `relax_quotes`: a stray quote inside an unquoted field is kept literally.
 * - Record delimiters CRLF, LF and CR are all accepted (files glued together mix them).
 * - Line numbers are counted here, in csv-parse's on_record/on_skip hooks (its own `info.lines`
 *   counts a CRLF inside a quoted field twice): blank lines are records too (then dropped), so
 *   each record starts on the line after the previous one ended.
 * - A quote left open at the end of the file makes the rest one malformed row (csv-parse skips it,
 *   we report it). A record that grows past `maxRecordBytes` fails the parse: it is an unbalanced
 *   quote swallowing the file, and buffering it would defeat streaming.
 */
import { Readable, pipeline } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { REJECTION_REASONS, ROW_FIELD, assignColumnValue, mapHeader, type HeaderMapping } from '@handover/domain';
import {
  DEFAULT_MAX_RECORD_BYTES,
  InventoryParseError,
  type ParseInventoryOptions,
  type ParsedRow,
} from './parsed-row';

/** What csv-parse hands on_record with `raw: true`. */
interface RawRecord {
  record: string[];
  raw: string;
}

/** A record (or a record csv-parse had to skip) with the physical line it starts on. */
interface LocatedRecord {
  line: number;
  fields: string[];
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

  // Both hooks run synchronously in parse order, so lines are counted exactly where records end.
  let nextLine = 1; // physical line on which the record being parsed starts
  const skipped: LocatedRecord[] = [];
  const locate = (item: RawRecord): LocatedRecord | null => {
    const line = nextLine;
    nextLine += 1 + countLineBreaks(item.record);
    return isBlank(item.record) ? null : { line, fields: item.record, raw: item.raw };
  };
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    raw: true,
    skip_records_with_error: true,
    on_record: locate as unknown as Options['on_record'],
    on_skip: (_err, raw) => {
      const text = trimRaw(raw);
      skipped.push({ line: nextLine, fields: [], raw: text });
      nextLine += 1 + (text.match(LINE_BREAK)?.length ?? 0);
      return undefined;
    },
  });

  let fedBytes = 0;
  async function* feed(): AsyncGenerator<string> {
    for await (const chunk of text) {
      // info.bytes is where the last complete record ended: everything past it belongs to one
      // pending record (give or take the streams' small buffers).
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
  function* flushSkipped(beforeLine: number): Generator<ParsedRow> {
    while (skipped.length > 0 && (skipped[0] as LocatedRecord).line < beforeLine) {
      const { line, raw } = skipped.shift() as LocatedRecord;
      if (line > startAfter) yield { line, error: { field: ROW_FIELD, reason: REJECTION_REASONS.malformedRow }, raw };
    }
  }

  for await (const { line, fields, raw } of parser as AsyncIterable<LocatedRecord>) {
    yield* flushSkipped(line);
    if (header === undefined) {
      header = mapHeader(fields);
      options.onHeader?.(header, line);
      continue;
    }
    if (line <= startAfter) continue;
    const expected = header.columns.length;
    if (fields.length !== expected) {
      const reason = fields.length > expected ? REJECTION_REASONS.tooManyFields : REJECTION_REASONS.tooFewFields;
      yield { line, error: { field: ROW_FIELD, reason }, raw: trimRaw(raw) };
      continue;
    }
    const record: Record<string, string> = {};
    for (const column of header.columns) assignColumnValue(record, column.key, fields[column.index] ?? '');
    yield { line, record };
  }
  yield* flushSkipped(Number.POSITIVE_INFINITY);
}
