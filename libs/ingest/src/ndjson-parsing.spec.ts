import * as iconv from 'iconv-lite';
import { REJECTION_REASONS } from '@handover/domain';
import { parseInventory } from './inventory-parser';
import { jsonValueToText } from './ndjson-rows';
import type { ParsedRow, ParseInventoryOptions } from './parsed-row';

async function* chunksOf(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(input: Buffer, options: ParseInventoryOptions = {}, chunkSize = 5): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of parseInventory(chunksOf(input, chunkSize), 'ndjson', options)) rows.push(row);
  return rows;
}

describe('parseInventory (NDJSON)', () => {
  it('maps English and Chinese keys and flattens values, line by line', async () => {
    const text = [
      JSON.stringify({ customer_id: 'C1', Email: 'a@b.cn', products: ['gold', 'silver'], total_spent: 1200.5 }),
      JSON.stringify({ 客户编号: 'C2', 姓名: '张三', 手机: 13812345678, 备注: null, vip: true, meta: { a: 1 } }),
    ].join('\n');
    expect(await collect(Buffer.from(text))).toEqual([
      { line: 1, record: { customer_id: 'C1', email: 'a@b.cn', products: 'gold;silver', total_spent: '1200.5' } },
      {
        line: 2,
        record: { customer_id: 'C2', name: '张三', phone: '13812345678', notes: '', vip: 'true', meta: '{"a":1}' },
      },
    ]);
  });

  it('reports a broken line and a non-object line as field row, and keeps going', async () => {
    const text = '{"customer_id":"C1"}\r\n{"customer_id": "C2", \r\n\r\n[1,2]\r\n"text"\r\n{"customer_id":"C3"}\r\n';
    const rows = await collect(Buffer.from(text));
    expect(rows).toEqual([
      { line: 1, record: { customer_id: 'C1' } },
      { line: 2, error: { field: 'row', reason: REJECTION_REASONS.invalidJson }, raw: '{"customer_id": "C2", ' },
      { line: 4, error: { field: 'row', reason: REJECTION_REASONS.notAnObject }, raw: '[1,2]' },
      { line: 5, error: { field: 'row', reason: REJECTION_REASONS.notAnObject }, raw: '"text"' },
      { line: 6, record: { customer_id: 'C3' } },
    ]);
  });

  it('handles a BOM, a missing final newline and one-byte chunks of UTF-8', async () => {
    const body = Buffer.from('{"customer_id":"C1","name":"李四"}\n{"customer_id":"C2"}', 'utf8');
    const rows = await collect(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]), {}, 1);
    expect(rows).toEqual([
      { line: 1, record: { customer_id: 'C1', name: '李四' } },
      { line: 2, record: { customer_id: 'C2' } },
    ]);
  });

  it('decodes GBK NDJSON too', async () => {
    const rows = await collect(iconv.encode('{"客户编号":"C1","地址":"北京市"}\n', 'gbk'));
    expect(rows).toEqual([{ line: 1, record: { customer_id: 'C1', address: '北京市' } }]);
  });

  it('resumes after a checkpoint line', async () => {
    const text = ['{"customer_id":"C1"}', 'oops', '{"customer_id":"C3"}', '{"customer_id":"C4"}'].join('\n');
    const rows = await collect(Buffer.from(text), { startAfterLine: 2 });
    expect(rows.map((r) => [r.line, r.record?.customer_id])).toEqual([
      [3, 'C3'],
      [4, 'C4'],
    ]);
  });

  it('reports an over-long line without holding it, then carries on', async () => {
    const long = JSON.stringify({ customer_id: 'C2', notes: 'x'.repeat(5_000) });
    const text = `{"customer_id":"C1"}\n${long}\n{"customer_id":"C3"}\n`;
    const rows = await collect(Buffer.from(text), { maxRecordBytes: 1_000 }, 100);
    expect(rows).toEqual([
      { line: 1, record: { customer_id: 'C1' } },
      { line: 2, error: { field: 'row', reason: REJECTION_REASONS.rowTooLarge }, raw: '' },
      { line: 3, record: { customer_id: 'C3' } },
    ]);
  });

  it('stops holding a line that keeps growing across chunks', async () => {
    const huge = JSON.stringify({ customer_id: 'C2', notes: 'y'.repeat(300 * 1024) });
    const text = `{"customer_id":"C1"}\n${huge}\n\n{"customer_id":"C4"}`;
    const rows = await collect(Buffer.from(text), { maxRecordBytes: 100 * 1024 }, 1000);
    expect(rows).toEqual([
      { line: 1, record: { customer_id: 'C1' } },
      { line: 2, error: { field: 'row', reason: REJECTION_REASONS.rowTooLarge }, raw: '' },
      { line: 4, record: { customer_id: 'C4' } },
    ]);
  });

  it('flattens JSON values like a CSV cell', () => {
    expect(jsonValueToText(undefined)).toBe('');
    expect(jsonValueToText([1, null, 'a'])).toBe('1;;a');
    expect(jsonValueToText(false)).toBe('false');
  });
});
