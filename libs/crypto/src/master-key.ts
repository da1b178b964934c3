import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { CryptoError } from './errors';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH, decodeB64url, nextIv, sha256Hex } from './internal';

const MASTER_KEY_BYTES = 32;
const WRAP_VERSION = 'mk1';
const BASE64 = /^(?:[A-Za-z0-9+/]*={0,2}|[A-Za-z0-9_-]*)$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WRAPPED = /^mk1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * A 32-byte key that wraps data keys and derives sub-keys: a master key (KEK) of the keyring
 * ({@link MasterKeyring}), or the derivation key the codec, token, blind-index and seal keys come
 * from. Its id is the one given (a keyring's `k2`), else its fingerprint: the first 8 hex
 * characters of SHA-256 of the key. Ids can be shown in logs, errors and wrapped-key strings; the
 * key itself never leaves this object except through {@link MasterKey.toBase64}.
 * `console.log` / `JSON.stringify` show the id only.
 *
 * Wrapped data key format (one compact string, safe in a JSON document):
 *   `mk1.<masterKeyId>.<iv base64url>.<ciphertext+tag base64url>`
 * AES-256-GCM, random 12-byte IV, AAD = `mk1.<masterKeyId>.<caller aad>`. The master key id lets
 * the keyring pick the master key that unwraps it ({@link MasterKey.keyIdOf}).
 */
export class MasterKey {
  /** The id given, else the fingerprint. */
  readonly keyId: string;
  /** First 8 hex chars of SHA-256(key): the id wrapped keys carried before keys had ids of their own. */
  readonly fingerprint: string;
  readonly #key: Buffer;
  readonly #keyObject: KeyObject;

  private constructor(key: Buffer, keyId?: string) {
    this.#key = Buffer.from(key);
    this.#keyObject = createSecretKey(this.#key);
    this.fingerprint = sha256Hex(this.#key).slice(0, 8);
    if (keyId !== undefined && !KEY_ID.test(keyId)) {
      throw new CryptoError('Master key id must be 1 to 64 letters, digits, "-" or "_"', 'invalid-key');
    }
    this.keyId = keyId ?? this.fingerprint;
  }

  /** Parses a base64 (or base64url) encoded 32-byte key. The error never repeats the input. */
  static fromBase64(encoded: string, keyId?: string): MasterKey {
    if (typeof encoded !== 'string') {
      throw new CryptoError('Master key must be a base64 string', 'invalid-key');
    }
    const text = encoded.trim();
    if (!BASE64.test(text)) {
      throw new CryptoError('Master key is not valid base64 (expected 32 bytes, base64 encoded)', 'invalid-key');
    }
    const key = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
    if (key.length !== MASTER_KEY_BYTES) {
      throw new CryptoError(
        `Master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length} bytes after base64 decoding`,
        'invalid-key',
      );
    }
    return new MasterKey(key, keyId);
  }

  /** Wraps raw key bytes (copied). */
  static fromBuffer(key: Buffer, keyId?: string): MasterKey {
    if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
      throw new CryptoError(`Master key must be ${MASTER_KEY_BYTES} bytes`, 'invalid-key');
    }
    return new MasterKey(key, keyId);
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(MASTER_KEY_BYTES));
  }

  /** The master key id a wrapped string was made with, or null if it is not a wrapped key. */
  static keyIdOf(wrapped: string): string | null {
    const match = typeof wrapped === 'string' ? WRAPPED.exec(wrapped) : null;
    return match?.[1] ?? null;
  }

  toBase64(): string {
    return this.#key.toString('base64');
  }

  /** Encrypts a 32-byte data key. `aad` binds it to its context (e.g. the data key id). */
  wrap(dataKey: Buffer, aad: string): string {
    if (!Buffer.isBuffer(dataKey) || dataKey.length !== 32) {
      throw new CryptoError('Data key to wrap must be a 32-byte Buffer', 'invalid-argument');
    }
    assertAad(aad);
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.#keyObject, iv);
    cipher.setAAD(Buffer.from(this.#aadFor(aad), 'utf8'));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return `${WRAP_VERSION}.${this.keyId}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** Decrypts a wrapped data key. Throws a {@link CryptoError} naming key ids only. */
  unwrap(wrapped: string, aad: string): Buffer {
    assertAad(aad);
    const match = typeof wrapped === 'string' ? WRAPPED.exec(wrapped) : null;
    if (!match) {
      throw new CryptoError(`Wrapped data key is malformed (expected ${WRAP_VERSION}.<keyId>.<iv>.<data>)`, 'malformed');
    }
    const [, keyId = '', ivText = '', sealedText = ''] = match;
    // A wrapped key names this key by its id, or (wrapped before keys had ids) by its fingerprint.
    if (keyId !== this.keyId && keyId !== this.fingerprint) {
      throw new CryptoError(
        `Data key was wrapped by master key ${keyId}, but the configured master key is ${this.keyId}`,
        'wrong-key',
      );
    }
    const iv = decodeB64url(ivText);
    const sealed = decodeB64url(sealedText);
    if (!iv || iv.length !== GCM_IV_LENGTH || !sealed || sealed.length <= GCM_TAG_LENGTH) {
      throw new CryptoError('Wrapped data key is malformed (bad IV or ciphertext length)', 'malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#keyObject, iv);
      decipher.setAAD(Buffer.from(`${WRAP_VERSION}.${keyId}.${aad}`, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_LENGTH));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_LENGTH)), decipher.final()]);
    } catch {
      throw new CryptoError(
        `Wrapped data key failed authentication under master key ${this.keyId} (tampered, or wrong AAD)`,
        'authentication-failed',
      );
    }
  }

  /**
   * Derives a sub-key with HKDF-SHA256 (empty salt) for a purpose named by `info`, e.g.
   * 'temporal-payload-codec'. Different `info` values give independent keys.
   */
  deriveKey(info: string, length = 32): Buffer {
    if (typeof info !== 'string' || info.length === 0) {
      throw new CryptoError('HKDF info must be a non-empty string', 'invalid-argument');
    }
    return Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), info, length));
  }

  #aadFor(aad: string): string {
    return `${WRAP_VERSION}.${this.keyId}.${aad}`;
  }

  toJSON(): { keyId: string } {
    return { keyId: this.keyId };
  }

  toString(): string {
    return `MasterKey(${this.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function assertAad(aad: string): void {
  if (typeof aad !== 'string') {
    throw new CryptoError('AAD must be a string', 'invalid-argument');
  }
}
