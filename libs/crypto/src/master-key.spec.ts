import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { CryptoError } from './errors';
import { MasterKey } from './master-key';
import { flipChar, segment } from './test-helpers';

describe('MasterKey', () => {
  const raw = randomBytes(32);
  const master = MasterKey.fromBase64(raw.toString('base64'));
  const dataKey = randomBytes(32);

  it('derives the key id from the first 8 hex chars of SHA-256 of the key', () => {
    expect(master.keyId).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 8));
  });

  it('round-trips through base64 and base64url', () => {
    expect(MasterKey.fromBase64(master.toBase64()).keyId).toBe(master.keyId);
    expect(master.toBase64()).toBe(raw.toString('base64'));
    expect(MasterKey.fromBase64(` ${raw.toString('base64url')}\n`).keyId).toBe(master.keyId);
  });

  it('rejects keys that are not 32 bytes without echoing the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => MasterKey.fromBase64(short)).toThrow(/32 bytes, got 16 bytes/);
    try {
      MasterKey.fromBase64(short);
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    const garbage = 'not base64 at all!';
    expect(() => MasterKey.fromBase64(garbage)).toThrow(CryptoError);
    expect(() => MasterKey.fromBase64(garbage)).not.toThrow(new RegExp(garbage));
    expect(() => MasterKey.fromBase64('')).toThrow(/got 0 bytes/);
  });

  it('generates distinct random keys', () => {
    const a = MasterKey.generate();
    const b = MasterKey.generate();
    expect(Buffer.from(a.toBase64(), 'base64')).toHaveLength(32);
    expect(a.toBase64()).not.toBe(b.toBase64());
  });

  it('never shows the key when logged or serialised', () => {
    const b64 = master.toBase64();
    expect(inspect(master)).toBe(`MasterKey(${master.keyId})`);
    expect(JSON.stringify({ master })).toBe(`{"master":{"keyId":"${master.keyId}"}}`);
    expect(String(master)).not.toContain(b64);
  });

  it('wraps and unwraps a data key', () => {
    const wrapped = master.wrap(dataKey, 'data-key:k1');
    expect(wrapped).toMatch(new RegExp(`^mk1\\.${master.keyId}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+$`));
    expect(master.unwrap(wrapped, 'data-key:k1').equals(dataKey)).toBe(true);
    expect(MasterKey.keyIdOf(wrapped)).toBe(master.keyId);
    expect(MasterKey.keyIdOf('nonsense')).toBeNull();
  });

  it('uses a fresh IV per wrap', () => {
    expect(master.wrap(dataKey, 'a')).not.toBe(master.wrap(dataKey, 'a'));
  });

  it('fails on the wrong AAD', () => {
    const wrapped = master.wrap(dataKey, 'data-key:k1');
    expect(() => master.unwrap(wrapped, 'data-key:k2')).toThrow(/failed authentication/);
  });

  it('detects a flipped byte in the ciphertext or the IV', () => {
    const wrapped = master.wrap(dataKey, 'aad');
    const data = segment(wrapped, 3);
    const iv = segment(wrapped, 2);
    expect(() => master.unwrap(data.replace(flipChar(data.value, 0)), 'aad')).toThrow(/failed authentication/);
    expect(() => master.unwrap(data.replace(flipChar(data.value, -1)), 'aad')).toThrow(CryptoError);
    expect(() => master.unwrap(iv.replace(flipChar(iv.value, 3)), 'aad')).toThrow(/failed authentication/);
  });

  it('fails on the wrong master key with a message naming key ids only', () => {
    const other = MasterKey.generate();
    const wrapped = master.wrap(dataKey, 'aad');
    let caught: unknown;
    try {
      other.unwrap(wrapped, 'aad');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CryptoError);
    const message = (caught as CryptoError).message;
    expect((caught as CryptoError).code).toBe('wrong-key');
    expect(message).toContain(master.keyId);
    expect(message).toContain(other.keyId);
    for (const secret of [master.toBase64(), other.toBase64(), dataKey.toString('base64'), dataKey.toString('hex'), wrapped]) {
      expect(message).not.toContain(secret);
    }
  });

  it('fails if a wrapped key is relabelled with another master key id', () => {
    const other = MasterKey.generate();
    const wrapped = master.wrap(dataKey, 'aad');
    const relabelled = segment(wrapped, 1).replace(other.keyId);
    expect(() => other.unwrap(relabelled, 'aad')).toThrow(/failed authentication under master key/);
  });

  it('rejects malformed input and wrong-sized data keys', () => {
    expect(() => master.unwrap('mk1.x.y', 'aad')).toThrow(/malformed/);
    expect(() => master.unwrap(`mk2.${master.keyId}.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAA`, 'aad')).toThrow(/malformed/);
    expect(() => master.wrap(randomBytes(16), 'aad')).toThrow(/32-byte/);
  });

  it('derives independent sub-keys with HKDF', () => {
    const a = master.deriveKey('temporal-payload-codec');
    expect(a).toHaveLength(32);
    expect(master.deriveKey('temporal-payload-codec').equals(a)).toBe(true);
    expect(master.deriveKey('blind-index').equals(a)).toBe(false);
    expect(a.equals(raw)).toBe(false);
  });
});
