import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { CryptoError } from './errors';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH, decodeB64url, nextIv } from './internal';

const VERSION = 'e1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
// iv: 12 bytes = 16 base64url chars; ciphertext+tag: at least the 16-byte tag = 22 chars.
const TOKEN = /^e1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** True if `value` looks like a field ciphertext (`e1.<keyId>.<iv>.<data>`); does not decrypt. */
export function isCiphertext(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** The data key id a field ciphertext was made with, or null if it is not a ciphertext. */
export function ciphertextKeyId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return TOKEN.exec(value)?.[1] ?? null;
}

/**
 * Encrypts personal fields with one data key (AES-256-GCM, random 12-byte IV per value).
 *
 * Ciphertext: `e1.<keyId>.<iv base64url>.<ciphertext+tag base64url>`, ASCII only, safe in MongoDB.
 * The GCM AAD is `e1.<keyId>.<aad>`: the caller's `aad` (e.g. `caseId:customerId:field`) binds the
 * value to its record and field, so a ciphertext copied to another record or field fails to decrypt.
 *
 * Build once per data key and reuse (see KeyCache): the key is imported as a KeyObject once and IVs
 * come from a bulk-filled random pool, so a call costs one GCM operation (~7 µs for a short field).
 * Random 96-bit IVs are safe up to 2^32 encryptions per key; a case's 1,000,000 rows × 8 fields is
 * far below that.
 */
export class FieldCipher {
  readonly keyId: string;
  readonly #key: KeyObject;
  readonly #prefix: string;

  private constructor(key: KeyObject, keyId: string) {
    this.#key = key;
    this.keyId = keyId;
    this.#prefix = `${VERSION}.${keyId}.`;
  }

  /** `key`: 32 raw bytes (copied). `keyId`: 1–64 chars of [A-Za-z0-9_-]. */
  static fromDataKey(key: Buffer, keyId: string): FieldCipher {
    if (!Buffer.isBuffer(key) || key.length !== 32) {
      throw new CryptoError('Data key must be a 32-byte Buffer', 'invalid-key');
    }
    if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) {
      throw new CryptoError('Data key id must be 1-64 characters of [A-Za-z0-9_-]', 'invalid-argument');
    }
    return new FieldCipher(createSecretKey(Buffer.from(key)), keyId);
  }

  encrypt(plaintext: string, aad: string): string {
    if (typeof plaintext !== 'string') {
      throw new CryptoError('FieldCipher.encrypt expects a string (use encryptJson for other values)', 'invalid-argument');
    }
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(this.#aad(aad));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${this.#prefix}${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** Throws a {@link CryptoError} if the token is malformed, made with another key, tampered, or the AAD differs. */
  decrypt(token: string, aad: string): string {
    const match = typeof token === 'string' ? TOKEN.exec(token) : null;
    if (!match) {
      throw new CryptoError('Value is not a field ciphertext (expected e1.<keyId>.<iv>.<data>)', 'malformed');
    }
    const [, keyId, ivText = '', sealedText = ''] = match;
    if (keyId !== this.keyId) {
      throw new CryptoError(`Value was encrypted with data key ${keyId}, but this cipher holds data key ${this.keyId}`, 'wrong-key');
    }
    const iv = decodeB64url(ivText);
    const sealed = decodeB64url(sealedText);
    if (!iv || iv.length !== GCM_IV_LENGTH || !sealed || sealed.length < GCM_TAG_LENGTH) {
      throw new CryptoError('Field ciphertext is malformed (bad base64url or length)', 'malformed');
    }
    const aadBytes = this.#aad(aad);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
      decipher.setAAD(aadBytes);
      decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_LENGTH));
      const head = decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_LENGTH));
      const tail = decipher.final();
      return tail.length === 0 ? head.toString('utf8') : Buffer.concat([head, tail]).toString('utf8');
    } catch {
      throw new CryptoError(
        `Field ciphertext failed authentication with data key ${this.keyId} (tampered, or wrong AAD)`,
        'authentication-failed',
      );
    }
  }

  /** Encrypts `JSON.stringify(value)`. */
  encryptJson(value: unknown, aad: string): string {
    const json = JSON.stringify(value);
    if (json === undefined) {
      throw new CryptoError('encryptJson: value is not JSON-serialisable', 'invalid-argument');
    }
    return this.encrypt(json, aad);
  }

  decryptJson<T = unknown>(token: string, aad: string): T {
    return JSON.parse(this.decrypt(token, aad)) as T;
  }

  #aad(aad: string): Buffer {
    if (typeof aad !== 'string') {
      throw new CryptoError('AAD must be a string', 'invalid-argument');
    }
    return Buffer.from(this.#prefix + aad, 'utf8');
  }

  toJSON(): { keyId: string } {
    return { keyId: this.keyId };
  }

  toString(): string {
    return `FieldCipher(${this.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
