/**
 * CSV text → ParsedRow through csv-parse, pull-driven: a decoded chunk is handed to the parser
 * only when the consumer has taken the rows of the previous one.
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

  let header: HeaderMapping | undefined;
  const toRow = ({ line, fields, raw }: LocatedRecord): ParsedRow | null => {
    if (header === undefined) {
      header = mapHeader(fields);
      options.onHeader?.(header, line);
      return null;
    }
    if (line <= startAfter) return null;
    const expected = header.columns.length;
    if (fields.length !== expected) {
      const reason = fields.length > expected ? REJECTION_REASONS.tooManyFields : REJECTION_REASONS.tooFewFields;
      return { line, error: { field: ROW_FIELD, reason }, raw: trimRaw(raw) };
    }
    const record: Record<string, string> = {};
    for (const column of header.columns) assignColumnValue(record, column.key, fields[column.index] ?? '');
    return { line, record };
  };
  function* rowsOf(item: LocatedRecord): Generator<ParsedRow> {
    while (skipped.length > 0 && (skipped[0] as LocatedRecord).line < item.line) {
      const { line, raw } = skipped.shift() as LocatedRecord;
      if (line > startAfter) yield { line, error: { field: ROW_FIELD, reason: REJECTION_REASONS.malformedRow }, raw };
    }
    const row = item.fields.length > 0 ? toRow(item) : null;
    if (row) yield row;
  }
  const END: LocatedRecord = { line: Number.POSITIVE_INFINITY, fields: [], raw: '' };

  // The parser is driven synchronously: write one decoded chunk, then read() the records it made.
  // The next chunk is pulled only when the consumer has taken these rows, so memory stays at one
  // chunk plus the record being parsed, whatever the file size.
  const read = (): LocatedRecord | null => parser.read() as LocatedRecord | null;
  try {
    let fedBytes = 0;
    for await (const chunk of text) {
      fedBytes += Buffer.byteLength(chunk);
      parser.write(chunk);
      for (let item = read(); item !== null; item = read()) yield* rowsOf(item);
      if (parser.errored) throw parser.errored;
      // info.bytes is where the last complete record ended: what lies beyond is one pending record.
      if (fedBytes - parser.info.bytes > maxRecordBytes) {
        throw new InventoryParseError(
          'RECORD_TOO_LARGE',
          nextLine,
          `CSV record starting on line ${nextLine} exceeds ${maxRecordBytes} bytes (unbalanced quote?)`,
        );
      }
    }
    parser.end();
    for await (const item of parser as AsyncIterable<LocatedRecord>) yield* rowsOf(item);
    yield* rowsOf(END);
  } finally {
    parser.destroy();
  }
}
