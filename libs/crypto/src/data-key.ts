import { randomBytes } from 'node:crypto';
import { CryptoError } from './errors';
import { FieldCipher } from './field-cipher';
import type { MasterKey } from './master-key';

/** A data key as stored: its id and the key wrapped by the master key. Deleting it shreds the data. */
export interface WrappedDataKey {
  keyId: string;
  wrapped: string;
}

/** A fresh random 32-byte data key with a random 16-hex-char id. */
export function generateDataKey(): { key: Buffer; keyId: string } {
  return { key: randomBytes(32), keyId: randomBytes(8).toString('hex') };
}

/** The AAD used when wrapping a data key: binds the wrapped bytes to their key id. */
export function dataKeyAad(keyId: string): string {
  return `data-key:${keyId}`;
}

/**
 * Bounded LRU cache of loaded keys (by default FieldCiphers), so that a million-row import unwraps its
 * case key once. Concurrent `get`s for the same id share one load; a failed load is not cached.
 * `forget(keyId)` drops the entry and any load in flight (its result is not cached), which the caller
 * does right after deleting a wrapped key document (crypto-shredding).
 */
export class KeyCache<T = FieldCipher> {
  readonly #entries = new Map<string, T>();
  readonly #loading = new Map<string, Promise<T>>();
  readonly maxSize: number;

  constructor(maxSize = 256) {
    if (!Number.isInteger(maxSize) || maxSize < 1) {
      throw new CryptoError('KeyCache maxSize must be a positive integer', 'invalid-argument');
    }
    this.maxSize = maxSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(keyId: string): boolean {
    return this.#entries.has(keyId);
  }

  /** The cached value without loading (refreshes its recency), or undefined. */
  peek(keyId: string): T | undefined {
    const value = this.#entries.get(keyId);
    if (value !== undefined) {
      this.#entries.delete(keyId);
      this.#entries.set(keyId, value);
    }
    return value;
  }

  async get(keyId: string, loader: (keyId: string) => T | Promise<T>): Promise<T> {
    const cached = this.peek(keyId);
    if (cached !== undefined) return cached;
    const inFlight = this.#loading.get(keyId);
    if (inFlight) return inFlight;
    const load = (async () => loader(keyId))();
    this.#loading.set(keyId, load);
    try {
      const value = await load;
      // Only cache if nobody forgot this key while it was loading.
      if (this.#loading.get(keyId) === load) this.#set(keyId, value);
      return value;
    } finally {
      if (this.#loading.get(keyId) === load) this.#loading.delete(keyId);
    }
  }

  /** Stores a value directly (e.g. a key just created), replacing any load in flight. */
  set(keyId: string, value: T): void {
    this.#loading.delete(keyId);
    this.#set(keyId, value);
  }

  forget(keyId: string): boolean {
    const hadLoad = this.#loading.delete(keyId);
    return this.#entries.delete(keyId) || hadLoad;
  }

  clear(): void {
    this.#entries.clear();
    this.#loading.clear();
  }

  #set(keyId: string, value: T): void {
    this.#entries.delete(keyId);
    this.#entries.set(keyId, value);
    while (this.#entries.size > this.maxSize) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}

/**
 * Creates and opens per-case data keys with one master key, caching the resulting FieldCiphers.
 * Storing and deleting the {@link WrappedDataKey} documents is the caller's job.
 */
export class KeyRing {
  readonly #master: MasterKey;
  readonly #cache: KeyCache<FieldCipher>;

  constructor(master: MasterKey, cache: KeyCache<FieldCipher> = new KeyCache<FieldCipher>()) {
    this.#master = master;
    this.#cache = cache;
  }

  /** Generates a data key; store `record`, use `cipher` (already cached). */
  create(): { record: WrappedDataKey; cipher: FieldCipher } {
    const { key, keyId } = generateDataKey();
    const record: WrappedDataKey = { keyId, wrapped: this.#master.wrap(key, dataKeyAad(keyId)) };
    const cipher = FieldCipher.fromDataKey(key, keyId);
    key.fill(0);
    this.#cache.set(keyId, cipher);
    return { record, cipher };
  }

  /** The FieldCipher for a stored key record, unwrapping it on first use only. */
  cipherFor(record: WrappedDataKey): Promise<FieldCipher> {
    return this.#cache.get(record.keyId, () => this.open(record));
  }

  /** Unwraps without caching. Throws a CryptoError if the record was made by another master key or altered. */
  open(record: WrappedDataKey): FieldCipher {
    const key = this.#master.unwrap(record.wrapped, dataKeyAad(record.keyId));
    try {
      return FieldCipher.fromDataKey(key, record.keyId);
    } finally {
      key.fill(0);
    }
  }

  /** Drops a cached cipher; call after deleting its wrapped key document. */
  forget(keyId: string): boolean {
    return this.#cache.forget(keyId);
  }
}
