import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { CryptoError } from './errors';
import { MasterKey } from './master-key';
import {
  AesGcmPayloadCodec,
  createDataConverter,
  payloadCodecFromMaster,
  payloadKeyFromMaster,
  REFUSED_ENCODING,
} from './payload-codec';

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const wire = (payload: Payload): Buffer => Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish());

/** Plain comparable form of a payload: metadata and data as strings. */
function plain(payload: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = text(value);
  return { metadata, data: text(payload.data) };
}

describe('AesGcmPayloadCodec', () => {
  const key = randomBytes(32);
  const codec = AesGcmPayloadCodec.create(new Map([['k1', key]]), 'k1');
  const original = defaultPayloadConverter.toPayload({ hello: 'secret-canary' });

  it('round-trips a real payload and hides its content', async () => {
    const [encoded] = await codec.encode([original]);
    expect(encoded).toBeDefined();
    expect(text(encoded!.metadata?.encoding)).toBe('binary/encrypted');
    expect(text(encoded!.metadata?.['encryption-key-id'])).toBe('k1');
    expect(wire(encoded!).includes('secret-canary')).toBe(false);
    expect(wire(encoded!).includes('json/plain')).toBe(false); // the inner metadata is encrypted too

    const [decoded] = await codec.decode([encoded!]);
    expect(plain(decoded!)).toEqual(plain(original));
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ hello: 'secret-canary' });
  });

  it('lays out data as iv ‖ ciphertext ‖ tag of the protobuf-serialised payload', async () => {
    const [encoded] = await codec.encode([original]);
    expect(encoded!.data!.length).toBe(12 + wire(original).length + 16);
  });

  it('encodes and decodes batches, including empty ones and binary/null payloads', async () => {
    expect(await codec.encode([])).toEqual([]);
    const batch = [
      original,
      defaultPayloadConverter.toPayload(undefined),
      defaultPayloadConverter.toPayload(new Uint8Array([0, 1, 2, 255])),
    ];
    const decoded = await codec.decode(await codec.encode(batch));
    expect(decoded.map(plain)).toEqual(batch.map(plain));
    expect(defaultPayloadConverter.fromPayload(decoded[2]!)).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('uses a fresh IV per payload', async () => {
    const [a, b] = await codec.encode([original, original]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('refuses a plain payload on decode by default (a forged update or signal sent around the API)', async () => {
    const error = await codec.decode([original]).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).code).toBe('unencrypted');
    expect((error as CryptoError).message).not.toContain('secret-canary');
  });

  it('refuses a plain payload among encrypted ones', async () => {
    const [sealed] = await codec.encode([original]);
    await expect(codec.decode([sealed!, original])).rejects.toThrow(/not encrypted/);
  });

  it('hands the workflow an unreadable payload and reports it under refuse-in-workflow', async () => {
    const onRefused = jest.fn();
    const worker = AesGcmPayloadCodec.create(new Map([['k1', key]]), 'k1', { unencrypted: 'refuse-in-workflow', onRefused });
    const [sealed] = await codec.encode([original]);
    const [decoded, refused] = await worker.decode([sealed!, original]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ hello: 'secret-canary' });
    expect(plain(refused!)).toEqual({ metadata: { encoding: REFUSED_ENCODING }, data: '' });
    expect(() => defaultPayloadConverter.fromPayload(refused!)).toThrow(/encoding/i);
    expect(onRefused).toHaveBeenCalledTimes(1);
  });

  it('passes plain payloads through decode only when told to (the UI codec endpoint)', async () => {
    const display = AesGcmPayloadCodec.create(new Map([['k1', key]]), 'k1', { unencrypted: 'pass' });
    const [decoded] = await display.decode([original]);
    expect(decoded).toBe(original);
  });

  it('detects a flipped byte', async () => {
    const [encoded] = await codec.encode([original]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0x01;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow(/failed authentication with key id k1/);
  });

  it('fails clearly on an unknown key id, without key material', async () => {
    const other = AesGcmPayloadCodec.create(new Map([['k2', randomBytes(32)]]), 'k2');
    const [encoded] = await codec.encode([original]);
    const error = await other.decode([encoded!]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CryptoError);
    expect((error as Error).message).toBe('Payload was encrypted with unknown key id "k1" (configured: k2)');
    expect((error as Error).message).not.toContain(key.toString('base64'));
  });

  it('fails when the key id is right but the key is not', async () => {
    const impostor = AesGcmPayloadCodec.create(new Map([['k1', randomBytes(32)]]), 'k1');
    const [encoded] = await codec.encode([original]);
    await expect(impostor.decode([encoded!])).rejects.toThrow(/failed authentication/);
  });

  it('validates its configuration', () => {
    expect(() => AesGcmPayloadCodec.create(new Map([['k1', key]]), 'nope')).toThrow(/Default payload key id nope/);
    expect(() => AesGcmPayloadCodec.create(new Map([['k1', randomBytes(16)]]), 'k1')).toThrow(/32-byte/);
  });
});

describe('payload keys from the master key', () => {
  const master = MasterKey.generate();

  it('derives a stable key, distinct from the master key, named by the master key id', () => {
    const a = payloadKeyFromMaster(master);
    const b = payloadKeyFromMaster(MasterKey.fromBase64(master.toBase64()));
    expect(a.keyId).toBe(master.keyId);
    expect(a.key.equals(b.key)).toBe(true);
    expect(a.key.equals(Buffer.from(master.toBase64(), 'base64'))).toBe(false);
    expect(payloadKeyFromMaster(MasterKey.generate()).key.equals(a.key)).toBe(false);
  });

  it('decodes payloads from a retired master key after rotation', async () => {
    const oldCodec = payloadCodecFromMaster(master);
    const [old] = await oldCodec.encode([defaultPayloadConverter.toPayload('before rotation')]);

    const next = MasterKey.generate();
    const rotated = AesGcmPayloadCodec.fromMasterKeys(next, [master]);
    expect(rotated.defaultKeyId).toBe(next.keyId);
    const [decoded] = await rotated.decode([old!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toBe('before rotation');
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload('after')]);
    expect(text(fresh!.metadata?.['encryption-key-id'])).toBe(next.keyId);
    await expect(oldCodec.decode([fresh!])).rejects.toThrow(`unknown key id "${next.keyId}"`);
  });
});

describe('createDataConverter', () => {
  const codec = payloadCodecFromMaster(MasterKey.generate());
  const dataConverter = createDataConverter(codec);

  it('uses the codec and a failure converter that encodes common attributes', () => {
    expect(dataConverter.payloadCodecs).toEqual([codec]);
    const loaded = loadDataConverter(dataConverter);
    expect(loaded.failureConverter).toMatchObject({ options: { encodeCommonAttributes: true } });
  });

  it('encrypts failure messages and stack traces, and restores them on decode', async () => {
    const loaded = loadDataConverter(dataConverter);
    const error = ApplicationFailure.create({ message: 'customer secret-canary not found', type: 'NotFound' });
    const failure = await encodeErrorToFailure(loaded, error);

    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');
    const bytes = Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish());
    expect(bytes.includes('secret-canary')).toBe(false);

    const restored = await decodeOptionalFailureToOptionalError(loaded, failure);
    expect(restored).toBeInstanceOf(ApplicationFailure);
    expect(restored?.message).toBe('customer secret-canary not found');
  });

  it('a plain data converter would leak the message (control)', async () => {
    const plainConverter = loadDataConverter({ payloadCodecs: [codec] });
    const failure = await encodeErrorToFailure(plainConverter, ApplicationFailure.create({ message: 'secret-canary' }));
    expect(failure.message).toBe('secret-canary');
  });
});
