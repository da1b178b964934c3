import type { Readable } from 'node:stream';

/**
 * The storage port (issue 17): blobs the services share — encrypted inventory uploads, handover
 * package files, exports — addressed by a key, never by a path. Two adapters: the local folder
 * (one machine; files under the data directory) and GridFS on the database connection (several
 * replicas). A key is validated against KEY_PATTERN before any adapter touches it, so a key read
 * back from the database cannot name a file outside the store.
 */
export interface BlobStore {
  /** Which adapter this is (`local` or `gridfs`), for logs and the health page. */
  readonly kind: StorageKind;
  /** Writes the stream under the key, replacing what was there once the stream has ended; returns the byte count. */
  put(key: string, body: Readable): Promise<{ bytes: number }>;
  /** A stream of the blob's bytes; BlobNotFoundError (before any byte) when the key holds nothing. */
  get(key: string): Promise<Readable>;
  /** Removes the blob; deleting a missing key is not an error (idempotent). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys that start with the prefix (a prefix is validated like a key, and may end in `/`), sorted. */
  list(prefix: string): Promise<string[]>;
}

export type StorageKind = 'local' | 'gridfs';

/**
 * Segments of letters, digits, dot, dash, underscore and colon separated by single slashes; no
 * segment is `.` or `..` or starts with a dot-dot; at most 512 characters.
 */
const SEGMENT = /^[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,127}$/;

export class InvalidBlobKeyError extends Error {
  readonly code = 'INVALID_BLOB_KEY';
  constructor() {
    // The key itself is not repeated: it may come from a request.
    super('invalid storage key');
    this.name = 'InvalidBlobKeyError';
  }
}

export class BlobNotFoundError extends Error {
  readonly code = 'BLOB_NOT_FOUND';
  constructor(readonly key: string) {
    super(`no stored blob under ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/** Throws InvalidBlobKeyError unless the key is a strict relative key (see SEGMENT). */
export function assertBlobKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new InvalidBlobKeyError();
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment) || segment.startsWith('..')) throw new InvalidBlobKeyError();
  }
  return key;
}

/** A prefix for list(): a key, optionally ending in `/`, or empty (every key). */
export function assertBlobPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  assertBlobKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** The key of an inventory upload (`uploads/<importId>.enc`, the local adapter's file of old). */
export const uploadKeyOf = (importId: string): string => assertBlobKey(`uploads/${importId}.enc`);
