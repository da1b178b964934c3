/** What pagesOf needs of a driver cursor. */
export interface ClosableCursor<T> extends AsyncIterable<T> {
  close(): Promise<void>;
}

/**
 * Reads ONE cursor and yields its documents in pages of `size` (mapped when `map` is given), then
 * closes it, also when the consumer stops early. One cursor per pass, never a query per page:
 * FerretDB v1 pushes neither sort nor limit down, so each `sort + limit` page would read the
 * whole case again.
 */
export async function* pagesOf<T, R = T>(cursor: ClosableCursor<T>, size: number, map: (doc: T) => R = (doc) => doc as unknown as R): AsyncGenerator<R[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
  try {
    let page: R[] = [];
    for await (const doc of cursor) {
      page.push(map(doc));
      if (page.length >= size) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  } finally {
    await cursor.close();
  }
}
