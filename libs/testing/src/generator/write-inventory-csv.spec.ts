import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { mapHeader, validateRow, type InventoryRecord } from '@handover/domain';
import { CHINESE_HEADER } from '../inventory-fixtures';
import { writeInventoryCsv, type InventoryCsvEncoding } from './write-inventory-csv';

/** What an importer following docs/api.md would make of the file: counts by the field at fault. */
async function readBack(path: string, encoding: InventoryCsvEncoding, referenceDate: string) {
  const records = createReadStream(path)
    .pipe(iconv.decodeStream(encoding))
    .pipe(parse({ relax_column_count: true, bom: true, record_delimiter: '\r\n' }));
  let header: string[] | undefined;
  let rows = 0;
  let valid = 0;
  let minors = 0;
  let quotedWithComma = 0;
  let duplicates = 0;
  const rejectedBy: Record<string, number> = {};
  const reject = (field: string): void => {
    rejectedBy[field] = (rejectedBy[field] ?? 0) + 1;
  };
  const accepted = new Set<string>();
  for await (const fields of records as AsyncIterable<string[]>) {
    if (!header) {
      header = fields;
      continue;
    }
    rows++;
    if (fields.some((f) => f.includes(','))) quotedWithComma++;
    if (fields.length !== header.length) {
      reject('row');
      continue;
    }
    const record: Record<string, string> = {};
    for (const column of mapHeader(header).columns) record[column.key] = fields[column.index] ?? '';
    const result = validateRow(record as InventoryRecord, { line: rows + 1, at: referenceDate });
    if (!result.ok) {
      expect(result.errors).toHaveLength(1); // one defect per invalid row, so one field to name
      reject(result.errors[0]?.field ?? '?');
    } else if (accepted.has(result.customer.customerId)) {
      reject('customer_id'); // repeats a customer already imported
      duplicates++;
    } else {
      accepted.add(result.customer.customerId);
      valid++;
      if (result.customer.derived.minor) minors++;
    }
  }
  return { header, rows, valid, minors, quotedWithComma, duplicates, rejectedBy };
}

// csv-parse is several times slower under jest's VM than in plain Node; loaded CI machines slower still.
const SLOW = 30_000;

describe('writeInventoryCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inventory-gen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('writes 1,000 GBK rows that parse back with the Chinese header and ~invalidRatio invalid rows', async () => {
    const path = join(dir, 'a.csv');
    const summary = await writeInventoryCsv({ rows: 1000, path, encoding: 'gb18030', seed: 42, invalidRatio: 0.05 });
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('客户编号', 'utf8'))).toBe(false); // not UTF-8
    expect(bytes.includes(iconv.encode('客户编号,客户类型,姓名', 'gb18030'))).toBe(true);
    expect(bytes.subarray(-2).toString('latin1')).toBe('\r\n');
    expect(summary.bytes).toBe(bytes.length);

    const back = await readBack(path, 'gb18030', summary.referenceDate);
    expect(back.header).toEqual(CHINESE_HEADER);
    expect(back.rows).toBe(1000);
    expect(summary.valid + summary.invalid).toBe(1000);
    // The generator's own account matches what validation finds, field by field.
    expect(back.valid).toBe(summary.valid);
    expect(back.rejectedBy).toEqual(summary.invalidByField);
    expect(back.minors).toBe(summary.minors);
    // ~5 %: binomial(1000, 0.05) stays within 25..80 far beyond 3 sigma.
    expect(summary.invalid).toBeGreaterThanOrEqual(25);
    expect(summary.invalid).toBeLessThanOrEqual(80);
    expect(summary.minors).toBeGreaterThan(0);
    expect(back.quotedWithComma).toBeGreaterThan(100); // amounts with thousands separators, some addresses
  }, SLOW);

  it('repeats earlier customer IDs only when duplicateIds is on', async () => {
    const options = { rows: 1000, encoding: 'utf8' as const, seed: 5, invalidRatio: 0.3 };
    const withDuplicates = await writeInventoryCsv({ ...options, path: join(dir, 'd1.csv') });
    const without = await writeInventoryCsv({ ...options, path: join(dir, 'd2.csv'), duplicateIds: false });
    expect((await readBack(withDuplicates.path, 'utf8', withDuplicates.referenceDate)).duplicates).toBeGreaterThan(0);
    const back = await readBack(without.path, 'utf8', without.referenceDate);
    expect(back.duplicates).toBe(0);
    expect(back.rejectedBy).toEqual(without.invalidByField);
  }, SLOW);

  it('is deterministic for a seed and differs across seeds', async () => {
    const options = { rows: 1000, encoding: 'gb18030' as const, invalidRatio: 0.05 };
    await writeInventoryCsv({ ...options, path: join(dir, 'b1.csv'), seed: 7 });
    await writeInventoryCsv({ ...options, path: join(dir, 'b2.csv'), seed: 7, chunkRows: 37 });
    await writeInventoryCsv({ ...options, path: join(dir, 'b3.csv'), seed: 8 });
    expect(sha(join(dir, 'b1.csv'))).toBe(sha(join(dir, 'b2.csv')));
    expect(sha(join(dir, 'b1.csv'))).not.toBe(sha(join(dir, 'b3.csv')));
  }, SLOW);

  it('writes UTF-8 with an optional BOM, and no invalid rows at ratio 0', async () => {
    const path = join(dir, 'c.csv');
    const summary = await writeInventoryCsv({ rows: 300, path, encoding: 'utf8', seed: 1, invalidRatio: 0, bom: true });
    expect(readFileSync(path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const back = await readBack(path, 'utf8', summary.referenceDate);
    expect(back.header).toEqual(CHINESE_HEADER);
    expect(back.rows).toBe(300);
    expect(back.valid).toBe(300);
    expect(summary.invalid).toBe(0);
  }, SLOW);
});
