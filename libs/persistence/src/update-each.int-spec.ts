import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from './mongo-connection';
import { updateEach } from './update-each';

/**
 * updateEach against the real MongoDB-compatible server, with more updates than FerretDB v1's
 * PostgreSQL pool has connections (50): sent as one bulkWrite, these would never return and would
 * leave the server waiting on itself; one command per document finishes.
 */
describe('updateEach on the real database', () => {
  let connection: Connection;
  const collection = () => connection.db!.collection<{ _id: string; n: number; seen?: boolean }>(`update_each_${process.pid}`);

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_update_each'));
    await collection().insertMany(Array.from({ length: 150 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, n: i })));
  });

  afterAll(async () => {
    await collection().drop().catch(() => undefined);
    await connection?.close();
  });

  it('applies 120 per-document updates (more than the server pool), counts them and reports progress', async () => {
    const progress: number[] = [];
    const updates = Array.from({ length: 120 }, (_, i) => ({ filter: { _id: `d${String(i).padStart(3, '0')}` }, update: { $set: { seen: true, n: i * 10 } } }));
    const result = await updateEach(collection(), updates, { concurrency: 6, onProgress: (done) => progress.push(done) });
    expect(result).toEqual({ matched: 120, modified: 120 });
    expect(progress).toHaveLength(120);
    expect(progress.at(-1)).toBe(120);
    expect(await collection().countDocuments({ seen: true })).toBe(120);
    expect(await collection().findOne({ _id: 'd119' })).toMatchObject({ n: 1190 });
    // The 30 documents after them are untouched, and the server still answers.
    expect(await collection().countDocuments({ seen: { $exists: false } })).toBe(30);
  });

  it('counts a filter that no longer matches as neither matched nor modified (a retry changes nothing)', async () => {
    const updates = [
      { filter: { _id: 'd000', seen: { $exists: false } }, update: { $set: { n: -1 } } },
      { filter: { _id: 'd140' }, update: { $set: { seen: true } } },
    ];
    expect(await updateEach(collection(), updates)).toEqual({ matched: 1, modified: 1 });
    expect(await collection().findOne({ _id: 'd000' })).toMatchObject({ n: 0 });
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(updateEach(collection(), [], { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
