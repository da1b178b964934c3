import { pagesOf, type ClosableCursor } from './cursor-pages';

function cursorOf<T>(items: T[]): ClosableCursor<T> & { closed: boolean } {
  const cursor = {
    closed: false,
    async close() {
      cursor.closed = true;
    },
    async *[Symbol.asyncIterator]() {
      yield* items;
    },
  };
  return cursor;
}

const collect = async <T>(pages: AsyncGenerator<T[]>): Promise<T[][]> => {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
};

describe('pagesOf', () => {
  it('yields full pages and a last partial one, mapped, then closes the cursor', async () => {
    const cursor = cursorOf([1, 2, 3, 4, 5]);
    expect(await collect(pagesOf(cursor, 2, (n) => n * 10))).toEqual([[10, 20], [30, 40], [50]]);
    expect(cursor.closed).toBe(true);
  });

  it('yields nothing for an empty cursor and still closes it', async () => {
    const cursor = cursorOf<number>([]);
    expect(await collect(pagesOf(cursor, 3))).toEqual([]);
    expect(cursor.closed).toBe(true);
  });

  it('closes the cursor when the consumer stops early', async () => {
    const cursor = cursorOf([1, 2, 3, 4]);
    for await (const page of pagesOf(cursor, 1)) {
      expect(page).toEqual([1]);
      break;
    }
    expect(cursor.closed).toBe(true);
  });

  it('refuses a page size that is not a positive integer', async () => {
    await expect(collect(pagesOf(cursorOf([1]), 0))).rejects.toThrow(RangeError);
  });
});
