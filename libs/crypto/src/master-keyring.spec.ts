import { randomBytes } from 'node:crypto';
import { CryptoError } from './errors';
import { MasterKey } from './master-key';
import { MasterKeyring } from './master-keyring';

describe('MasterKeyring', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const dataKey = randomBytes(32);

  it('wraps under the active key and unwraps with the key the wrapped string names', () => {
    const old = MasterKeyring.from({ active: 'k1', keys: { k1 } });
    const wrappedByK1 = old.wrap(dataKey, 'case-key:c1');
    expect(MasterKey.keyIdOf(wrappedByK1)).toBe('k1');

    const rotated = MasterKeyring.from({ active: 'k2', keys: { k1, k2 } });
    const wrappedByK2 = rotated.wrap(dataKey, 'case-key:c1');
    expect(MasterKey.keyIdOf(wrappedByK2)).toBe('k2');
    expect(rotated.unwrap(wrappedByK1, 'case-key:c1').equals(dataKey)).toBe(true);
    expect(rotated.unwrap(wrappedByK2, 'case-key:c1').equals(dataKey)).toBe(true);
    expect(rotated.isActive(wrappedByK1)).toBe(false);
    expect(rotated.isActive(wrappedByK2)).toBe(true);
  });

  it('refuses a wrapped key of an unknown id with an error naming the id, never key material', () => {
    const wrapped = MasterKeyring.from({ active: 'k1', keys: { k1 } }).wrap(dataKey, 'case-key:c1');
    const withoutK1 = MasterKeyring.from({ active: 'k2', keys: { k2 } });
    const unwrap = () => withoutK1.unwrap(wrapped, 'case-key:c1');
    expect(unwrap).toThrow(CryptoError);
    expect(unwrap).toThrow(expect.objectContaining({ code: 'unknown-key', message: expect.stringMatching(/^Master key k1 is not in the keyring \(configured: k2\)$/) }));
  });

  it('refuses an active id that is not in the keyring, and bad ids', () => {
    expect(() => MasterKeyring.from({ active: 'k3', keys: { k1 } })).toThrow(/active master key k3 is not in the keyring/);
    expect(() => MasterKeyring.from({ active: 'a.b', keys: { 'a.b': k1 } })).toThrow(/Master key id must be/);
  });

  it('keeps the single master key of old working: its id is its fingerprint, what its wrapped keys carry', () => {
    const legacy = MasterKey.fromBase64(k1);
    const wrappedBefore = legacy.wrap(dataKey, 'case-key:c1');
    const single = MasterKeyring.from({ single: k1 });
    expect(single.single).toBe(true);
    expect(single.active.keyId).toBe(legacy.fingerprint);
    expect(single.unwrap(wrappedBefore, 'case-key:c1').equals(dataKey)).toBe(true);
    // What the keyring wraps, the single key of old unwraps (a downgrade keeps working too).
    expect(legacy.unwrap(single.wrap(dataKey, 'case-key:c2'), 'case-key:c2').equals(dataKey)).toBe(true);
    // The old key moved into a keyring under a name of its own still opens what it wrapped by fingerprint.
    const renamed = MasterKeyring.from({ active: 'k2', keys: { old: k1, k2 } });
    expect(renamed.find(legacy.fingerprint)?.keyId).toBe('old');
    expect(renamed.unwrap(wrappedBefore, 'case-key:c1').equals(dataKey)).toBe(true);
  });

  it('binds the wrapped key to its id: a string relabelled to another key id fails', () => {
    const ring = MasterKeyring.from({ active: 'k1', keys: { k1, k2: k1 } });
    const wrapped = ring.wrap(dataKey, 'case-key:c1');
    expect(() => ring.unwrap(wrapped.replace(/^mk1\.k1\./, 'mk1.k2.'), 'case-key:c1')).toThrow(/failed authentication/);
  });

  it('shows ids only when serialised', () => {
    const ring = MasterKeyring.from({ active: 'k2', keys: { k1, k2 } });
    expect(JSON.stringify(ring)).toBe('{"active":"k2","keyIds":["k1","k2"]}');
  });
});
