import { afterCursor, decodeCursor, encodeCursor, InvalidCursorError } from './keyset';

describe('keyset cursors', () => {
  it('round-trips dates, numbers and strings with the id', () => {
    const at = new Date('2026-12-04T10:00:00.123Z');
    expect(decodeCursor(encodeCursor(at, 'cs_1'))).toEqual({ value: at, id: 'cs_1' });
    expect(decodeCursor(encodeCursor(7, 'x'))).toEqual({ value: 7, id: 'x' });
    expect(decodeCursor(encodeCursor('imp:0001', 'imp:0001'))).toEqual({ value: 'imp:0001', id: 'imp:0001' });
  });

  it('refuses what it did not issue', () => {
    for (const bad of ['', 'not-base64-json', Buffer.from('{"i":1}').toString('base64url'), Buffer.from('{"d":"nope","i":"a"}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
    }
  });

  it('builds "strictly after" filters in both directions, ties broken by _id', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(afterCursor({ field: 'createdAt', direction: -1 }, encodeCursor(at, 'cs_b'))).toEqual({
      $or: [{ createdAt: { $lt: at } }, { createdAt: { $eq: at }, _id: { $lt: 'cs_b' } }],
    });
    expect(afterCursor({ field: '_id', direction: 1 }, encodeCursor('imp:2', 'imp:2'))).toEqual({ _id: { $gt: 'imp:2' } });
  });
});
