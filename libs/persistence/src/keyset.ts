import type { Collection, Document, Filter } from 'mongodb';

/**
 * Keyset pages: every list of the API is read in a fixed order (one sort key, ties by `_id` in the
 * same direction) and a page starts strictly after the last item of the previous one. The cursor
 * is opaque to callers (base64url of the last item's key and id), so a page never skips or repeats
 * an item when others are added or removed meanwhile. `total` counts the filtered list without the
 * cursor (FerretDB v1 scans to count: one count per page request, never per item).
 */
export interface KeysetPage<T> {
  items: T[];
  /** The cursor of the next page, or null on the last one. */
  nextCursor: string | null;
  total: number;
}

/** The sort key and its direction; `_id` breaks ties in the same direction. */
export interface KeysetOrder {
  field: string;
  direction: 1 | -1;
}

export interface KeysetRequest {
  order: KeysetOrder;
  limit: number;
  cursor?: string | undefined;
}

type KeyValue = string | number | Date;

/** A cursor that does not decode (tampered, truncated, from another list). The message names no value. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('cursor is not one this list issued');
  }
}

export function encodeCursor(value: KeyValue, id: string): string {
  const key = value instanceof Date ? { d: value.toISOString() } : typeof value === 'number' ? { n: value } : { s: value };
  return Buffer.from(JSON.stringify({ ...key, i: id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { value: KeyValue; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const { d, n, s, i } = parsed as { d?: unknown; n?: unknown; s?: unknown; i?: unknown };
  if (typeof i !== 'string' || i === '') throw new InvalidCursorError();
  if (typeof d === 'string' && !Number.isNaN(Date.parse(d))) return { value: new Date(d), id: i };
  if (typeof n === 'number' && Number.isFinite(n)) return { value: n, id: i };
  if (typeof s === 'string') return { value: s, id: i };
  throw new InvalidCursorError();
}

/** The filter of the items strictly after the cursor in the given order. */
export function afterCursor(order: KeysetOrder, cursor: string): Record<string, unknown> {
  const { value, id } = decodeCursor(cursor);
  const op = order.direction === -1 ? '$lt' : '$gt';
  if (order.field === '_id') return { _id: { [op]: id } };
  return { $or: [{ [order.field]: { [op]: value } }, { [order.field]: { $eq: value }, _id: { [op]: id } }] };
}

function keyOf(doc: Document, field: string): KeyValue {
  const value: unknown = doc[field];
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  throw new TypeError(`keyset field ${field} is missing on a listed document`);
}

/**
 * One page of `collection` under `filter`: `limit + 1` documents are read to learn whether a next
 * page exists. The sort key must be present on every listed document.
 */
export async function keysetPage<D extends Document & { _id: string }, R>(
  collection: Collection<D>,
  filter: Record<string, unknown>,
  request: KeysetRequest,
  map: (doc: D) => R,
  projection?: Record<string, 0 | 1>,
): Promise<KeysetPage<R>> {
  const { order, limit } = request;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  const where = request.cursor ? { $and: [filter, afterCursor(order, request.cursor)] } : filter;
  const sort: Record<string, 1 | -1> = order.field === '_id' ? { _id: order.direction } : { [order.field]: order.direction, _id: order.direction };
  const [docs, total] = await Promise.all([
    collection
      .find(where as Filter<D>, projection ? { projection } : {})
      .sort(sort)
      .limit(limit + 1)
      .toArray(),
    collection.countDocuments(filter as Filter<D>),
  ]);
  const page = (docs as D[]).slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(map),
    nextCursor: docs.length > limit && last ? encodeCursor(keyOf(last, order.field), last._id) : null,
    total,
  };
}
