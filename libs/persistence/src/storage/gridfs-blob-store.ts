import mongoose, { type Connection } from 'mongoose';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, assertBlobPrefix, BlobNotFoundError, type BlobStore } from './blob-store';

type FileDoc = { _id: mongoose.mongo.ObjectId; filename: string; uploadDate: Date };

/**
 * The GridFS adapter: blobs in the bucket `blobs` (collections `blobs.files`, `blobs.chunks`) of the
 * process's one database connection, so every replica sees the same bytes. A key is a GridFS file
 * name; put() writes a new file and then removes the older ones of that name, so a reader gets the
 * newest complete file (a file is listed only once all its chunks are written). Works on FerretDB
 * v1.24 (tested in gridfs-blob-store.int-spec.ts) as well as on MongoDB.
 */
export class GridFsBlobStore implements BlobStore {
  readonly kind = 'gridfs' as const;
  static readonly BUCKET = 'blobs';

  constructor(
    private readonly connection: Connection,
    private readonly chunkSizeBytes = 255 * 1024,
  ) {}

  private bucket(): mongoose.mongo.GridFSBucket {
    if (!this.connection.db) throw new Error('the database connection is not open');
    return new mongoose.mongo.GridFSBucket(this.connection.db, { bucketName: GridFsBlobStore.BUCKET, chunkSizeBytes: this.chunkSizeBytes });
  }

  private async filesOf(key: string): Promise<FileDoc[]> {
    return (await this.bucket().find({ filename: assertBlobKey(key) }, { sort: { uploadDate: -1, _id: -1 } }).toArray()) as FileDoc[];
  }

  async put(key: string, body: Readable): Promise<{ bytes: number }> {
    assertBlobKey(key);
    const bucket = this.bucket();
    const upload = bucket.openUploadStream(key);
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, upload);
    } catch (error) {
      // The partial file's chunks (its files document is written only at the end): abort removes them.
      await upload.abort().catch(() => undefined);
      throw error;
    }
    for (const older of await this.filesOf(key)) {
      if (!older._id.equals(upload.id)) await bucket.delete(older._id).catch(() => undefined);
    }
    return { bytes };
  }

  async get(key: string): Promise<Readable> {
    const [newest] = await this.filesOf(key);
    if (!newest) throw new BlobNotFoundError(key);
    return this.bucket().openDownloadStream(newest._id);
  }

  async delete(key: string): Promise<void> {
    const bucket = this.bucket();
    for (const file of await this.filesOf(key)) await bucket.delete(file._id).catch(() => undefined);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.filesOf(key)).length > 0;
  }

  async list(prefix: string): Promise<string[]> {
    assertBlobPrefix(prefix);
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const files = (await this.bucket().find({ filename: { $regex: `^${escaped}` } }, { projection: { filename: 1 } }).toArray()) as FileDoc[];
    return [...new Set(files.map((file) => file.filename))].sort();
  }
}
