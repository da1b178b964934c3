import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { CryptoError } from './errors';

export type BlindIndexKind = 'email' | 'phone' | 'id_number' | (string & Record<never, never>);

const KIND = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Normalises a value before indexing, so that equal values written differently index the same.
 * All kinds: Unicode NFKC first (full-width letters and digits from Chinese input methods become
 * ASCII), then:
 * - email: trim, lowercase;
 * - phone: digits only; a leading `0086`, or a leading `86` when more than 11 digits remain
 *   (`+86 138…`, `86138…`), is dropped, so `+86 138-0013-8000` equals `13800138000`; short local
 *   numbers that happen to begin with 86 are kept;
 * - id_number: all whitespace removed, uppercase (the trailing `x` check character);
 * - any other kind: trim.
 */
export function normalizeForBlindIndex(kind: BlindIndexKind, value: string): string {
  const text = value.normalize('NFKC');
  switch (kind) {
    case 'email':
      return text.trim().toLowerCase();
    case 'phone': {
      const digits = text.replace(/[^0-9]/g, '');
      if (digits.startsWith('0086')) return digits.slice(4);
      if (digits.startsWith('86') && digits.length > 11) return digits.slice(2);
      return digits;
    }
    case 'id_number':
      return text.replace(/\s+/g, '').toUpperCase();
    default:
      return text.trim();
  }
}

/**
 * Keyed, deterministic index of a personal value, for equality lookups on encrypted fields
 * (find a customer by email without storing the email in clear).
 *
 * Value: HMAC-SHA256(key, `<kind>\0<normalised value>`) as hex, truncated to 32 hex chars (128 bits).
 * The kind is part of the input, so the same string indexed as two kinds gives unrelated values.
 * The key is derived from a data key with HKDF-SHA256 (info 'blind-index'), so shredding the data
 * key makes the index meaningless too, and indexes from different keys do not correlate.
 */
export class BlindIndex {
  readonly #key: KeyObject;

  private constructor(key: KeyObject) {
    this.#key = key;
  }

  static fromDataKey(dataKey: Buffer): BlindIndex {
    if (!Buffer.isBuffer(dataKey) || dataKey.length < 32) {
      throw new CryptoError('Blind index data key must be a Buffer of at least 32 bytes', 'invalid-key');
    }
    const derived = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'blind-index', 32));
    return new BlindIndex(createSecretKey(derived));
  }

  /** 32 hex chars. Throws if the kind is invalid or the value is empty after normalisation. */
  compute(kind: BlindIndexKind, value: string): string {
    if (typeof kind !== 'string' || !KIND.test(kind)) {
      throw new CryptoError('Blind index kind must be 1-64 characters of [A-Za-z0-9_.-]', 'invalid-argument');
    }
    if (typeof value !== 'string') {
      throw new CryptoError(`Blind index value for kind ${kind} must be a string`, 'invalid-argument');
    }
    const normalised = normalizeForBlindIndex(kind, value);
    if (normalised.length === 0) {
      // Indexing empties would make every blank record match every other one.
      throw new CryptoError(`Blind index value for kind ${kind} is empty after normalisation`, 'invalid-argument');
    }
    return createHmac('sha256', this.#key).update(`${kind}\u0000${normalised}`, 'utf8').digest('hex').slice(0, 32);
  }

  toString(): string {
    return 'BlindIndex';
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
