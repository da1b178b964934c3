import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CryptoError } from './errors';
import { GCM_IV_LENGTH, GCM_TAG_LENGTH, nextIv } from './internal';
import type { MasterKey } from './master-key';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID_METADATA = 'encryption-key-id';
export const PAYLOAD_CODEC_HKDF_INFO = 'temporal-payload-codec';
/** What a worker's codec turns a refused plain payload into: no payload converter reads it. */
export const REFUSED_ENCODING = 'binary/refused-unencrypted';

/**
 * What decode does with a payload that is not encrypted (issue 15):
 * - `reject` (clients): throws CryptoError `unencrypted`;
 * - `refuse-in-workflow` (the worker): hands the workflow a payload of encoding
 *   `binary/refused-unencrypted`, which no payload converter reads. The SDK then rejects a forged
 *   update before it is accepted (nothing reaches the history) instead of failing the whole
 *   workflow task, which a throwing codec would do on every attempt;
 * - `pass` (the Temporal UI's codec endpoint only): shown as is.
 * The SDK's own plain payloads (patch markers, search attributes) never pass through a codec.
 */
export type UnencryptedPayloadPolicy = 'reject' | 'refuse-in-workflow' | 'pass';

export interface PayloadCodecOptions {
  unencrypted?: UnencryptedPayloadPolicy;
  /** Called for each refused payload (the worker logs a warning); never given the content. */
  onRefused?: () => void;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const ENCRYPTED_ENCODING_BYTES = Buffer.from(ENCRYPTED_ENCODING, 'utf8');
const REFUSED_ENCODING_BYTES = Buffer.from(REFUSED_ENCODING, 'utf8');

/**
 * Encrypts every Temporal payload with AES-256-GCM.
 *
 * encode: the whole Payload (metadata and data) is serialised with the protobuf
 * `temporal.api.common.v1.Payload.encode` (from @temporalio/proto, the SDK's own dependency), then
 * encrypted; the result is a new payload
 *   metadata: { encoding: 'binary/encrypted', 'encryption-key-id': <keyId> }
 *   data:     iv (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes)
 * decode: payloads with that encoding are decrypted with the key named in their metadata (kept
 * retired keys still decode old histories); others are refused as `options.unencrypted` says.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly defaultKeyId: string;
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly #defaultKey: KeyObject;
  readonly #defaultKeyIdBytes: Buffer;
  readonly #options: PayloadCodecOptions;

  private constructor(keys: Map<string, KeyObject>, defaultKeyId: string, options: PayloadCodecOptions) {
    const defaultKey = keys.get(defaultKeyId);
    if (!defaultKey) {
      throw new CryptoError(`Default payload key id ${defaultKeyId} is not among the configured keys`, 'unknown-key');
    }
    this.#keys = keys;
    this.#defaultKey = defaultKey;
    this.defaultKeyId = defaultKeyId;
    this.#defaultKeyIdBytes = Buffer.from(defaultKeyId, 'utf8');
    this.#options = options;
  }

  /** `keys`: key id → 32-byte key; new payloads are encrypted with `defaultKeyId`. */
  static create(keys: ReadonlyMap<string, Buffer>, defaultKeyId: string, options: PayloadCodecOptions = {}): AesGcmPayloadCodec {
    const imported = new Map<string, KeyObject>();
    for (const [keyId, key] of keys) {
      if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) {
        throw new CryptoError('Payload key ids must be 1-64 characters of [A-Za-z0-9_.-]', 'invalid-argument');
      }
      if (!Buffer.isBuffer(key) || key.length !== 32) {
        throw new CryptoError(`Payload key ${keyId} must be a 32-byte Buffer`, 'invalid-key');
      }
      imported.set(keyId, createSecretKey(Buffer.from(key)));
    }
    return new AesGcmPayloadCodec(imported, defaultKeyId, options);
  }

  /** Codec keyed by `current` (for encoding) plus `retired` master keys (decoding only). */
  static fromMasterKeys(current: MasterKey, retired: readonly MasterKey[] = [], options: PayloadCodecOptions = {}): AesGcmPayloadCodec {
    const keys = new Map<string, Buffer>();
    for (const master of [...retired, current]) {
      const { keyId, key } = payloadKeyFromMaster(master);
      keys.set(keyId, key);
    }
    return AesGcmPayloadCodec.create(keys, payloadKeyFromMaster(current).keyId, options);
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.#decrypt(payload) : this.#unencrypted(payload)));
  }

  #unencrypted(payload: Payload): Payload {
    const policy = this.#options.unencrypted ?? 'reject';
    if (policy === 'pass') return payload;
    this.#options.onRefused?.();
    if (policy === 'refuse-in-workflow') return { metadata: { encoding: REFUSED_ENCODING_BYTES }, data: new Uint8Array() };
    throw new CryptoError('Payload is not encrypted: refused (only payloads sealed by the codec are accepted)', 'unencrypted');
  }

  #encrypt(payload: Payload): Payload {
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.#defaultKey, iv);
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: ENCRYPTED_ENCODING_BYTES,
        [ENCRYPTION_KEY_ID_METADATA]: this.#defaultKeyIdBytes,
      },
      data,
    };
  }

  #decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[ENCRYPTION_KEY_ID_METADATA];
    if (!keyIdBytes) {
      throw new CryptoError(`Encrypted payload has no ${ENCRYPTION_KEY_ID_METADATA} metadata`, 'malformed');
    }
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new CryptoError(
        `Payload was encrypted with unknown key id ${JSON.stringify(keyId)} (configured: ${this.keyIds.join(', ')})`,
        'unknown-key',
      );
    }
    const data = payload.data;
    if (!data || data.length < GCM_IV_LENGTH + GCM_TAG_LENGTH) {
      throw new CryptoError(`Encrypted payload (key id ${keyId}) is too short`, 'malformed');
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, GCM_IV_LENGTH));
      decipher.setAuthTag(data.subarray(data.length - GCM_TAG_LENGTH));
      plain = Buffer.concat([decipher.update(data.subarray(GCM_IV_LENGTH, data.length - GCM_TAG_LENGTH)), decipher.final()]);
    } catch {
      throw new CryptoError(`Encrypted payload failed authentication with key id ${keyId} (tampered or wrong key)`, 'authentication-failed');
    }
    const decoded = temporal.api.common.v1.Payload.decode(plain);
    return temporal.api.common.v1.Payload.toObject(decoded, { defaults: false }) as Payload;
  }
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return !!encoding && Buffer.from(encoding.buffer, encoding.byteOffset, encoding.byteLength).equals(ENCRYPTED_ENCODING_BYTES);
}

/**
 * The payload codec key derived from the master key (HKDF-SHA256, info 'temporal-payload-codec'),
 * so operators manage one secret. Its key id is the master key id, which is what shows up in the
 * payload metadata.
 */
export function payloadKeyFromMaster(master: MasterKey): { keyId: string; key: Buffer } {
  return { keyId: master.keyId, key: master.deriveKey(PAYLOAD_CODEC_HKDF_INFO, 32) };
}

/** Shorthand for {@link AesGcmPayloadCodec.fromMasterKeys}. */
export function payloadCodecFromMaster(current: MasterKey, retired: readonly MasterKey[] = [], options: PayloadCodecOptions = {}): AesGcmPayloadCodec {
  return AesGcmPayloadCodec.fromMasterKeys(current, retired, options);
}

/**
 * Data converter for the Temporal client and worker: the codec, plus the failure converter with
 * `encodeCommonAttributes: true` so failure messages and stack traces go through the codec too.
 * In SDK 1.24 a DataConverter names its failure converter by module path (the worker also bundles
 * it into the workflow sandbox), hence `failureConverterPath` rather than an instance.
 */
export function createDataConverter(codec: PayloadCodec): DataConverter {
  return {
    payloadCodecs: [codec],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
