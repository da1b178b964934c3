import { createHash } from 'node:crypto';
import { RefLineTable } from './ref-line-table';

const ref = (n: number): string => createHash('sha256').update(String(n)).digest('hex').slice(0, 32);

describe('RefLineTable', () => {
  it('returns the first line recorded for a ref and undefined for unknown refs, across growth', () => {
    const table = new RefLineTable(16);
    for (let i = 1; i <= 50_000; i += 1) table.add(ref(i), i + 1);
    table.add(ref(7), 999_999);
    expect(table.size).toBe(50_000);
    for (const i of [1, 7, 4096, 49_999, 50_000]) expect(table.get(ref(i))).toBe(i + 1);
    for (const i of [0, 50_001, 123_456]) expect(table.get(ref(i))).toBeUndefined();
  });

  it('tells refs apart that share their first 64 bits', () => {
    const table = new RefLineTable();
    const a = '0123456789abcdef00000000' + '00000000';
    const b = '0123456789abcdef00000001' + '00000000';
    table.add(a, 2);
    expect(table.get(b)).toBeUndefined();
    table.add(b, 3);
    expect([table.get(a), table.get(b)]).toEqual([2, 3]);
  });

  it('keeps refs apart that land in one shard, across its growth', () => {
    const table = new RefLineTable(16);
    const sameShard = (n: number): string => '00000000' + ref(n).slice(8);
    for (let i = 1; i <= 5_000; i += 1) table.add(sameShard(i), i);
    expect(table.size).toBe(5_000);
    for (const i of [1, 2_500, 5_000]) expect(table.get(sameShard(i))).toBe(i);
    expect(table.get(sameShard(5_001))).toBeUndefined();
  });

  it('holds a ref in 20–30 bytes (slots 53–80 % full), never twice the table while growing', () => {
    const table = new RefLineTable();
    for (let i = 1; i <= 200_000; i += 1) table.add(ref(i), i);
    expect(table.byteLength / table.size).toBeGreaterThanOrEqual(16 / 0.8);
    expect(table.byteLength / table.size).toBeLessThanOrEqual(16 / 0.53);
  });

  it('refuses malformed refs and lines', () => {
    const table = new RefLineTable();
    expect(() => table.add('not-hex', 2)).toThrow(RangeError);
    expect(() => table.add(ref(1), 0)).toThrow(RangeError);
  });
});
