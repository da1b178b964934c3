import { REJECTION_REASONS } from '@handover/domain';
import { parseInventory } from './inventory-parser';
import { InventoryParseError, type ParsedRow, type ParseInventoryOptions } from './parsed-row';

async function* chunksOf(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(input: string, options: ParseInventoryOptions = {}, chunkSize = 3): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of parseInventory(chunksOf(Buffer.from(input), chunkSize), 'json', options)) rows.push(row);
  return rows;
}

describe('parseInventory (JSON array)', () => {
  const pretty = JSON.stringify(
    [
      { customer_id: 'C1', Email: 'a@b.cn', products: ['gold', 'silver'], notes: 'a "quoted" ] , } [ {' },
      { 客户编号: 'C2', 姓名: '张三', meta: { tags: [1, [2]] } },
    ],
    null,
    2,
  );

  it.each([1, 3, 7, 4096])('reads each element as a row whatever the chunk size (%i bytes), brackets and commas inside strings included', async (size) => {
    expect(await collect(pretty, {}, size)).toEqual([
      { line: 1, record: { customer_id: 'C1', email: 'a@b.cn', products: 'gold;silver', notes: 'a "quoted" ] , } [ {' } },
      { line: 2, record: { customer_id: 'C2', name: '张三', meta: '{"tags":[1,[2]]}' } },
    ]);
  });

  it('numbers elements from 1 on a minified file, reports non-objects and broken elements as field row, and keeps going', async () => {
    const rows = await collect('[{"customer_id":"C1"},[1,2],"text",{"customer_id":"C2" "x":1},{"customer_id":"C3"}]');
    expect(rows).toEqual([
      { line: 1, record: { customer_id: 'C1' } },
      { line: 2, error: { field: 'row', reason: REJECTION_REASONS.notAnObject }, raw: '[1,2]' },
      { line: 3, error: { field: 'row', reason: REJECTION_REASONS.notAnObject }, raw: '"text"' },
      { line: 4, error: { field: 'row', reason: REJECTION_REASONS.invalidJson }, raw: '{"customer_id":"C2" "x":1}' },
      { line: 5, record: { customer_id: 'C3' } },
    ]);
  });

  it('resumes after a checkpoint, and handles an empty array and escaped quotes', async () => {
    const text = '[ {"customer_id":"A\\"1"} , {"customer_id":"A2"}, {"customer_id":"A3"} ]\n';
    expect((await collect(text, { startAfterLine: 2 })).map((r) => r.line)).toEqual([3]);
    expect((await collect(text))[0]).toEqual({ line: 1, record: { customer_id: 'A"1' } });
    expect(await collect(' [ ] ')).toEqual([]);
  });

  it('skips an over-long element unread and reads the next', async () => {
    const text = `[{"customer_id":"C1","notes":"${'x'.repeat(500)}"},{"customer_id":"C2"}]`;
    expect(await collect(text, { maxRecordBytes: 100 }, 64)).toEqual([
      { line: 1, error: { field: 'row', reason: REJECTION_REASONS.rowTooLarge }, raw: '' },
      { line: 2, record: { customer_id: 'C2' } },
    ]);
  });

  it('fails on a file that is not an array or has content after it; a truncated file ends with an error row', async () => {
    await expect(collect('{"customer_id":"C1"}')).rejects.toBeInstanceOf(InventoryParseError);
    await expect(collect('[{"customer_id":"C1"}] {"customer_id":"C2"}')).rejects.toMatchObject({ code: 'JSON_ARRAY_MALFORMED' });
    expect(await collect('[{"customer_id":"C1"},{"customer_id":"C2","na')).toEqual([
      { line: 1, record: { customer_id: 'C1' } },
      { line: 2, error: { field: 'row', reason: REJECTION_REASONS.invalidJson }, raw: '{"customer_id":"C2","na' },
    ]);
  });
});
