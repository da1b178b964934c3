import type { Connection } from 'mongoose';
import type { BlobStore, StorageKind } from './blob-store';
import { GridFsBlobStore } from './gridfs-blob-store';
import { LocalBlobStore } from './local-blob-store';

/** The adapter HANDOVER_STORAGE names: `local` (files under the data directory) or `gridfs` (the database). */
export function openBlobStore(config: { HANDOVER_STORAGE: StorageKind; HANDOVER_DATA_DIR: string }, connection: Connection): BlobStore {
  return config.HANDOVER_STORAGE === 'gridfs' ? new GridFsBlobStore(connection) : new LocalBlobStore(config.HANDOVER_DATA_DIR);
}
