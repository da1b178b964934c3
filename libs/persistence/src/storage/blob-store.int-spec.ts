import type { Connection } from 'mongoose';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { BlobNotFoundError, InvalidBlobKeyError, type BlobStore } from './blob-store';
import { GridFsBlobStore } from './gridfs-blob-store';
import { LocalBlobStore } from './local-blob-store';

/** A multi-megabyte stream in uneven chunks, and the SHA-256 of its bytes. */
function payload(megabytes: number): { stream: () => Readable; sha: string; bytes: number } {
  const chunks = Array.from({ length: megabytes * 4 }, (_, i) => randomBytes(256 * 1024 + (i % 7)));
  const sha = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
  return { stream: () => Readable.from(chunks), sha, bytes: chunks.reduce((n, c) => n + c.length, 0) };
}

async function digest(stream: Readable): Promise<{ sha: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha: hash.digest('hex'), bytes };
}

/**
 * Both adapters of the storage port against what they integrate: the local folder on disk, GridFS
 * on the real MongoDB-compatible server of the test stack (FerretDB v1.24).
 */
describe.each(['local', 'gridfs'] as const)('the %s blob store', (kind) => {
  let connection: Connection | undefined;
  let dir: string;
  let store: BlobStore;
  const big = payload(5);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'handover-blobs-'));
    if (kind === 'gridfs') {
      connection = await connectMongo(mongoUriFor(`handover_it_blobs_${process.pid}`));
      store = new GridFsBlobStore(connection);
    } else {
      store = new LocalBlobStore(dir);
    }
  });

  afterAll(async () => {
    await connection?.db?.dropDatabase().catch(() => undefined);
    await connection?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a 5 MB stream byte for byte, lists it by prefix, replaces it, and deletes it', async () => {
    expect(await store.put('uploads/imp-1.enc', big.stream())).toEqual({ bytes: big.bytes });
    expect(await store.exists('uploads/imp-1.enc')).toBe(true);
    expect(await digest(await store.get('uploads/imp-1.enc'))).toEqual({ sha: big.sha, bytes: big.bytes });

    await store.put('uploads/imp-2.enc', Readable.from([Buffer.from('two')]));
    await store.put('packages/c1/b1/manifest.json', Readable.from([Buffer.from('{}')]));
    expect(await store.list('uploads/')).toEqual(['uploads/imp-1.enc', 'uploads/imp-2.enc']);
    expect(await store.list('packages/c1/')).toEqual(['packages/c1/b1/manifest.json']);

    // A second put under the same key replaces the first: one blob, the new bytes.
    await store.put('uploads/imp-1.enc', Readable.from([Buffer.from('replaced')]));
    expect((await digest(await store.get('uploads/imp-1.enc'))).bytes).toBe(8);
    expect(await store.list('uploads/imp-1')).toEqual(['uploads/imp-1.enc']);

    await store.delete('uploads/imp-1.enc');
    expect(await store.exists('uploads/imp-1.enc')).toBe(false);
    await expect(store.delete('uploads/imp-1.enc')).resolves.toBeUndefined();
    expect(await store.list('uploads/')).toEqual(['uploads/imp-2.enc']);
  });

  it('refuses a missing key with BlobNotFoundError before any byte', async () => {
    await expect(store.get('uploads/never.enc')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('refuses a key with ../ (or an absolute one) in every operation, and writes nothing outside', async () => {
    for (const key of ['../outside', 'uploads/../../outside', '/etc/passwd']) {
      await expect(store.put(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }
    await expect(store.list('../')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    if (kind === 'local') expect((await readdir(dir)).sort()).toEqual(['packages', 'uploads']);
  });

  it('leaves nothing behind when the source stream fails mid-way', async () => {
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(600 * 1024);
        throw new Error('client went away');
      })(),
    );
    await expect(store.put('uploads/broken.enc', failing)).rejects.toThrow('client went away');
    expect(await store.exists('uploads/broken.enc')).toBe(false);
    if (kind === 'gridfs') {
      expect(await connection!.db!.collection('blobs.chunks').countDocuments({})).toBe(
        // Only the chunks of the blobs that exist: 'uploads/imp-2.enc' and the manifest, one chunk each.
        2,
      );
    }
  });
});
