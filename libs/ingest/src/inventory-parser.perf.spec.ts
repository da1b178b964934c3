import { parseInventory } from './inventory-parser';

const ROWS = 200_000;

/** Generates a CSV inventory in 64 KiB chunks, never holding the whole file. */
async function* generatedCsv(rows: number): AsyncGenerator<Buffer> {
  let chunk = 'customer_id,姓名,邮箱,手机,购买产品,累计消费,备注\r\n';
  for (let i = 1; i <= rows; i++) {
    chunk += `C${i},客户${i},user${i}@example.cn,138${String(i).padStart(8, '0')},"金手镯;银戒指",${i % 20_000},"说明, 第${i}行"\r\n`;
    if (chunk.length >= 32 * 1024) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  yield Buffer.from(chunk, 'utf8');
}

describe('parseInventory throughput', () => {
  it(`streams ${ROWS.toLocaleString('en')} generated rows`, async () => {
    const started = Date.now();
    let count = 0;
    let lastLine = 0;
    let errors = 0;
    for await (const row of parseInventory(generatedCsv(ROWS), 'csv')) {
      count++;
      lastLine = row.line;
      if (row.error) errors++;
    }
    expect(count).toBe(ROWS);
    expect(errors).toBe(0);
    expect(lastLine).toBe(ROWS + 1);
    // Generous bound (shared CI machines); locally this runs in about two seconds.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
