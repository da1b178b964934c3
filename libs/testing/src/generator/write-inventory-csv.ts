/**
 * Writes a realistic Excel-style customer inventory to a file without holding it in memory: rows
 * are made in chunks by a pull-driven generator, so the next chunk is produced only when the
 * encoder and the file have taken the previous ones (stream backpressure). GB18030 (what Excel in
 * zh-CN writes as "CSV") goes through an iconv-lite encoder stream; CRLF line ends; fields quoted
 * only where needed, as Excel does.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { csvCell } from '@handover/ingest';
import { CHINESE_HEADER } from '../inventory-fixtures';
import { InventoryRowFactory, type InvalidField } from './inventory-rows';

export type InventoryCsvEncoding = 'gb18030' | 'utf8';

export interface WriteInventoryCsvOptions {
  rows: number;
  path: string;
  encoding: InventoryCsvEncoding;
  seed: number;
  /** Share of rows with exactly one defect (0..1). */
  invalidRatio: number;
  /** Ages and purchase dates are relative to this day. Default 2026-06-30 (fixed: same bytes on any day). */
  referenceDate?: string;
  /** Customer IDs are `C<idPrefix><8 digits>`. Default ''. */
  idPrefix?: string;
  /** Let some invalid rows repeat an earlier row's customer_id (else they leave it empty). Default true. */
  duplicateIds?: boolean;
  /** UTF-8 only: start with a byte-order mark, as Excel's "CSV UTF-8" does. Default false. */
  bom?: boolean;
  /** Rows per chunk handed to the stream. Default 500 (~100 KB of text). */
  chunkRows?: number;
  /** Called after each chunk with the rows made so far. */
  onProgress?: (rowsWritten: number) => void;
}

export interface InventoryCsvSummary {
  path: string;
  encoding: InventoryCsvEncoding;
  seed: number;
  invalidRatio: number;
  referenceDate: string;
  /** Data rows (header excluded). */
  rows: number;
  valid: number;
  invalid: number;
  /** Defective rows by the field a rejection must name. */
  invalidByField: Partial<Record<InvalidField, number>>;
  /** Valid individuals under 14 on the reference date. */
  minors: number;
  bytes: number;
}

const csvField = csvCell;

export async function writeInventoryCsv(options: WriteInventoryCsvOptions): Promise<InventoryCsvSummary> {
  const { rows, path, encoding, seed, invalidRatio } = options;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError('rows must be a non-negative integer');
  if (!(invalidRatio >= 0 && invalidRatio <= 1)) throw new RangeError('invalidRatio must be between 0 and 1');
  const referenceDate = options.referenceDate ?? '2026-06-30';
  const chunkRows = options.chunkRows ?? 500;
  const factory = new InventoryRowFactory({
    seed,
    invalidRatio,
    referenceDate,
    idPrefix: options.idPrefix ?? '',
    duplicateIds: options.duplicateIds ?? true,
  });
  const summary: InventoryCsvSummary = {
    path, encoding, seed, invalidRatio, referenceDate, rows, valid: 0, invalid: 0, invalidByField: {}, minors: 0, bytes: 0,
  };

  function* chunks(): Generator<string> {
    yield (encoding === 'utf8' && options.bom ? '\uFEFF' : '') + CHINESE_HEADER.map(csvField).join(',') + '\r\n';
    let chunk = '';
    for (let i = 0; i < rows; i++) {
      const row = factory.row(i);
      chunk += row.fields.map(csvField).join(',') + '\r\n';
      if (row.invalid !== undefined) {
        summary.invalid++;
        summary.invalidByField[row.invalid] = (summary.invalidByField[row.invalid] ?? 0) + 1;
      } else {
        summary.valid++;
        if (row.minor) summary.minors++;
      }
      if ((i + 1) % chunkRows === 0) {
        yield chunk;
        chunk = '';
        options.onProgress?.(i + 1);
      }
    }
    if (chunk !== '') {
      yield chunk;
      options.onProgress?.(rows);
    }
  }

  const source = Readable.from(chunks());
  const file = createWriteStream(path);
  if (encoding === 'gb18030') await pipeline(source, iconv.encodeStream('gb18030'), file);
  else await pipeline(source, file);
  summary.bytes = file.bytesWritten;
  return summary;
}
