import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { REJECTION_REASONS, validateRow, type HeaderMapping } from '@handover/domain';
import { InventoryParseError, type ParsedRow, type ParseInventoryOptions } from './parsed-row';
import { parseInventory } from './inventory-parser';

async function* chunksOf(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(input: Buffer, options: ParseInventoryOptions = {}, chunkSize = 7): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of parseInventory(chunksOf(input, chunkSize), 'csv', options)) rows.push(row);
  return rows;
}

const GBK_CSV = [
  '客户编号,客户类型,姓名,邮箱,手机,身份证号,购买产品,累计消费,会员等级',
  'C001,个人,张三,zhang@example.cn,138-1234-5678,11010519491231002X,金手镯；银戒指,"￥12,000",金卡',
  'C002,企业,北京某某贸易有限公司,,010-12345678,,办公用品,500,',
].join('\r\n');

describe('parseInventory (CSV)', () => {
  it('decodes a GBK export with Chinese headers into canonical keys', async () => {
    let header: HeaderMapping | undefined;
    let headerLine = 0;
    const rows = await collect(iconv.encode(`${GBK_CSV}\r\n`, 'gbk'), {
      onHeader: (h, line) => {
        header = h;
        headerLine = line;
      },
    });
    expect(headerLine).toBe(1);
    expect(header?.unknown).toEqual(['会员等级']);
    expect(rows).toEqual([
      {
        line: 2,
        record: {
          customer_id: 'C001',
          type: '个人',
          name: '张三',
          email: 'zhang@example.cn',
          phone: '138-1234-5678',
          id_number: '11010519491231002X',
          products: '金手镯；银戒指',
          total_spent: '￥12,000',
          会员等级: '金卡',
        },
      },
      {
        line: 3,
        record: {
          customer_id: 'C002',
          type: '企业',
          name: '北京某某贸易有限公司',
          email: '',
          phone: '010-12345678',
          id_number: '',
          products: '办公用品',
          total_spent: '500',
          会员等级: '',
        },
      },
    ]);
  });

  it('feeds validateRow end to end', async () => {
    const rows = await collect(iconv.encode(GBK_CSV, 'gbk'));
    const results = rows.map((r) => (r.record ? validateRow(r.record, { line: r.line, at: '2024-06-15' }) : null));
    expect(results.map((r) => r?.ok)).toEqual([true, true]);
    const first = results[0];
    expect(first?.ok && first.customer.derived).toMatchObject({ tier: 'core', productLines: ['金手镯', '银戒指'] });
    const second = results[1];
    expect(second?.ok && second.customer).toMatchObject({ type: 'enterprise', personal: { phone: '01012345678' } });
  });

  it('strips a UTF-8 BOM so the first header is recognised', async () => {
    let header: HeaderMapping | undefined;
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('customer_id,email\nC1,a@b.cn\n')]);
    const rows = await collect(input, { onHeader: (h) => (header = h) }, 1);
    expect(header?.columns[0]?.canonical).toBe('customer_id');
    expect(rows).toEqual([{ line: 2, record: { customer_id: 'C1', email: 'a@b.cn' } }]);
  });

  it('handles CRLF, quoted commas, embedded newlines and doubled quotes, counting physical lines', async () => {
    const csv = [
      'customer_id,name,address,notes',
      'C1,"Zhang, San","Line 1',
      'Line 2","He said ""hi"""',
      '',
      'C2,李四,"a\r\nb\r\nc",',
      'C3,王五,x,y',
    ].join('\r\n');
    const rows = await collect(Buffer.from(csv), {}, 3);
    expect(rows).toEqual([
      { line: 2, record: { customer_id: 'C1', name: 'Zhang, San', address: 'Line 1\r\nLine 2', notes: 'He said "hi"' } },
      { line: 5, record: { customer_id: 'C2', name: '李四', address: 'a\r\nb\r\nc', notes: '' } },
      { line: 8, record: { customer_id: 'C3', name: '王五', address: 'x', notes: 'y' } },
    ]);
  });

  it('accepts LF and mixed line endings', async () => {
    const rows = await collect(Buffer.from('customer_id,name\nC1,a\r\nC2,b\nC3,c'));
    expect(rows.map((r) => [r.line, r.record?.customer_id, r.record?.name])).toEqual([
      [2, 'C1', 'a'],
      [3, 'C2', 'b'],
      [4, 'C3', 'c'],
    ]);
  });

  it('reports rows with too many or too few fields as field row, and keeps going', async () => {
    const csv = 'customer_id,name,email\nC1,a,a@b.cn\nC2,b,b@c.cn,extra\nC3,c\nC4,d,d@e.cn\n';
    const rows = await collect(Buffer.from(csv));
    expect(rows).toEqual([
      { line: 2, record: { customer_id: 'C1', name: 'a', email: 'a@b.cn' } },
      { line: 3, error: { field: 'row', reason: REJECTION_REASONS.tooManyFields }, raw: 'C2,b,b@c.cn,extra' },
      { line: 4, error: { field: 'row', reason: REJECTION_REASONS.tooFewFields }, raw: 'C3,c' },
      { line: 5, record: { customer_id: 'C4', name: 'd', email: 'd@e.cn' } },
    ]);
  });

  it('skips empty and whitespace-only lines (Excel trailing ",,,") but counts them', async () => {
    const rows = await collect(Buffer.from('\ncustomer_id,name\n\n  \n,,\nC1,a\n\n'));
    expect(rows).toEqual([{ line: 6, record: { customer_id: 'C1', name: 'a' } }]);
  });

  it('keeps a stray quote inside an unquoted field literally', async () => {
    const rows = await collect(Buffer.from('customer_id,name\nC1,5" screen\nC2,"x"y\n'));
    expect(rows.map((r) => r.record?.name)).toEqual(['5" screen', '"x"y']);
  });

  it('reports a quote left open at the end of the file as one malformed row', async () => {
    const rows = await collect(Buffer.from('customer_id,name\nC1,a\nC2,"open\nC3,c\n'));
    expect(rows).toEqual([
      { line: 2, record: { customer_id: 'C1', name: 'a' } },
      { line: 3, error: { field: 'row', reason: REJECTION_REASONS.malformedRow }, raw: 'C2,"open\nC3,c' },
    ]);
  });

  it('fails loudly when a record outgrows maxRecordBytes (an unbalanced quote swallowing the file)', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `C${i},name ${i}`).join('\n');
    const input = Buffer.from(`customer_id,name\nC0,"open\n${body}\n`);
    const consume = async () => {
      for await (const _row of parseInventory(chunksOf(input, 1024), 'csv', { maxRecordBytes: 8 * 1024 })) {
        // drain
      }
    };
    await expect(consume()).rejects.toMatchObject({ name: 'InventoryParseError', code: 'RECORD_TOO_LARGE', line: 2 });
    await expect(consume()).rejects.toBeInstanceOf(InventoryParseError);
  });

  it('merges duplicate columns (first non-empty value wins) and keeps unknown ones', async () => {
    let header: HeaderMapping | undefined;
    const rows = await collect(Buffer.from('客户编号,姓名,名称,Loyalty\nC1,,Acme Ltd,gold\n'), { onHeader: (h) => (header = h) });
    expect(header?.duplicates).toEqual(['name']);
    expect(rows).toEqual([{ line: 2, record: { customer_id: 'C1', name: 'Acme Ltd', Loyalty: 'gold' } }]);
  });

  it('resumes after a checkpoint line, still reading the header', async () => {
    let headerSeen = false;
    const csv = 'customer_id,name\nC1,a\nC2,"b\nb"\nC3,c,extra\nC4,d\n';
    const rows = await collect(Buffer.from(csv), { startAfterLine: 4, onHeader: () => (headerSeen = true) });
    expect(headerSeen).toBe(true);
    expect(rows.map((r) => [r.line, r.record?.customer_id ?? r.error?.reason])).toEqual([
      [5, REJECTION_REASONS.tooManyFields],
      [6, 'C4'],
    ]);
  });

  it('reads from a Node Readable and yields nothing for an empty file', async () => {
    const rows: ParsedRow[] = [];
    for await (const row of parseInventory(Readable.from([Buffer.from('customer_id\nC1\nC2\n')]), 'csv')) rows.push(row);
    expect(rows.map((r) => r.record?.customer_id)).toEqual(['C1', 'C2']);
    expect(await collect(Buffer.alloc(0))).toEqual([]);
  });

  it('pulls input only as rows are consumed and releases the source when the consumer stops', async () => {
    let pulled = 0;
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('customer_id,name\n');
        for (let i = 0; i < 100_000; i++) {
          pulled++;
          yield Buffer.from(`C${i},${'x'.repeat(200)}\n`);
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const row of parseInventory(source(), 'csv')) {
      seen.push(row.line);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([2, 3, 4]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(2_000); // a few stream buffers, not 100,000 chunks
    expect(closed).toBe(true);
  });
});
