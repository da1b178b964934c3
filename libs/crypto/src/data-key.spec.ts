import { randomBytes } from 'node:crypto';
import { KeyCache, KeyRing, dataKeyAad, generateDataKey } from './data-key';
import { FieldCipher } from './field-cipher';
import { MasterKey } from './master-key';

describe('generateDataKey', () => {
  it('returns 32 random bytes and a 16-hex-char id', () => {
    const a = generateDataKey();
    const b = generateDataKey();
    expect(a.key).toHaveLength(32);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.key.equals(b.key)).toBe(false);
    expect(a.keyId).not.toBe(b.keyId);
  });
});

describe('KeyCache', () => {
  it('loads once and serves from cache afterwards', async () => {
    const cache = new KeyCache<string>(4);
    const loader = jest.fn(async (id: string) => `v-${id}`);
    expect(await cache.get('a', loader)).toBe('v-a');
    expect(await cache.get('a', loader)).toBe('v-a');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new KeyCache<number>();
    let calls = 0;
    const loader = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    const results = await Promise.all([cache.get('k', loader), cache.get('k', loader), cache.get('k', loader)]);
    expect(results).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });

  it('evicts the least recently used entry beyond maxSize', async () => {
    const cache = new KeyCache<string>(2);
    const loader = jest.fn((id: string) => id.toUpperCase());
    await cache.get('a', loader);
    await cache.get('b', loader);
    await cache.get('a', loader); // a is now most recent
    await cache.get('c', loader); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    await cache.get('b', loader);
    expect(loader).toHaveBeenCalledTimes(4);
  });

  it('does not cache failed loads', async () => {
    const cache = new KeyCache<string>();
    await expect(cache.get('x', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(cache.has('x')).toBe(false);
    expect(await cache.get('x', () => 'ok')).toBe('ok');
  });

  it('forget drops the entry and forces a reload', async () => {
    const cache = new KeyCache<string>();
    const loader = jest.fn(() => 'v');
    await cache.get('k', loader);
    expect(cache.forget('k')).toBe(true);
    expect(cache.has('k')).toBe(false);
    expect(cache.forget('k')).toBe(false);
    await cache.get('k', loader);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('does not cache a load that was in flight when the key was forgotten', async () => {
    const cache = new KeyCache<string>();
    let release: (value: string) => void = () => undefined;
    const pending = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    expect(cache.forget('k')).toBe(true);
    release('stale');
    expect(await pending).toBe('stale');
    expect(cache.has('k')).toBe(false);
  });

  it('rejects a non-positive size', () => {
    expect(() => new KeyCache(0)).toThrow(/positive integer/);
  });
});

describe('KeyRing', () => {
  const master = MasterKey.generate();

  it('creates a wrapped key record whose cipher round-trips after a restart', async () => {
    const ring = new KeyRing(master);
    const { record, cipher } = ring.create();
    expect(record.wrapped.startsWith(`mk1.${master.keyId}.`)).toBe(true);
    expect(await ring.cipherFor(record)).toBe(cipher);
    const token = cipher.encrypt('王五', 'case:cust:name');

    const restarted = new KeyRing(MasterKey.fromBase64(master.toBase64()));
    const reopened = await restarted.cipherFor(record);
    expect(reopened).toBeInstanceOf(FieldCipher);
    expect(reopened.decrypt(token, 'case:cust:name')).toBe('王五');
    expect(await restarted.cipherFor(record)).toBe(reopened);
  });

  it('unwraps once per key id thanks to the cache', async () => {
    const cache = new KeyCache<FieldCipher>(8);
    const ring = new KeyRing(master, cache);
    const { key, keyId } = generateDataKey();
    const record = { keyId, wrapped: master.wrap(key, dataKeyAad(keyId)) };
    const unwrap = jest.spyOn(master, 'unwrap');
    await Promise.all([ring.cipherFor(record), ring.cipherFor(record)]);
    await ring.cipherFor(record);
    expect(unwrap).toHaveBeenCalledTimes(1);
    unwrap.mockRestore();
  });

  it('cannot open a record whose wrapped key belongs to another key id', async () => {
    const ring = new KeyRing(master);
    const a = ring.create().record;
    const b = ring.create().record;
    ring.forget(b.keyId);
    await expect(ring.cipherFor({ keyId: b.keyId, wrapped: a.wrapped })).rejects.toThrow(/failed authentication/);
  });

  it('after forget and deletion of the record the data is unreadable with the master key alone', async () => {
    const ring = new KeyRing(master);
    const { record, cipher } = ring.create();
    const token = cipher.encrypt('shred me', 'aad');
    expect(ring.forget(record.keyId)).toBe(true);
    // Without the wrapped key the only way left would be guessing a random 256-bit key.
    const guess = FieldCipher.fromDataKey(randomBytes(32), record.keyId);
    expect(() => guess.decrypt(token, 'aad')).toThrow(/failed authentication/);
  });

  it('fails clearly with a different master key', async () => {
    const record = new KeyRing(master).create().record;
    const other = new KeyRing(MasterKey.generate());
    await expect(other.cipherFor(record)).rejects.toThrow(/wrapped by master key/);
  });
});
