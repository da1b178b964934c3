import { CryptoError } from '../errors';
import { MasterKey } from '../master-key';
import { decryptPackageFile, fileEncryptor, newContentKey, unwrapContentKey } from './package-cipher';
import { openRecipientPrivateKey, sealRecipientPrivateKey } from './private-key-seal';
import { generateRecipientKeyPair, parseRecipientPublicKey, publicKeyFingerprint } from './recipient-keys';

describe('recipient hybrid encryption', () => {
  const pair = generateRecipientKeyPair();
  const other = generateRecipientKeyPair();

  const encrypt = (contentKey: Buffer, name: string, text: string): { iv: string; authTag: string; bytes: Buffer } => {
    const enc = fileEncryptor(contentKey, name);
    const bytes = Buffer.concat([enc.cipher.update(text, 'utf8'), enc.cipher.final()]);
    return { iv: enc.iv, authTag: enc.authTag(), bytes };
  };

  it('generates RSA-3072 key pairs', () => {
    expect(parseRecipientPublicKey(pair.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(publicKeyFingerprint(pair.publicKeyPem)).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyFingerprint(pair.publicKeyPem)).not.toBe(publicKeyFingerprint(other.publicKeyPem));
  });

  it('round-trips a file through the wrapped content key and the private key', () => {
    const { contentKey, wrappedKey } = newContentKey(pair.publicKeyPem);
    const file = encrypt(contentKey, 'customers.ndjson', '{"name":"张三"}\n');
    const key = unwrapContentKey(pair.privateKeyPem, wrappedKey);
    expect(decryptPackageFile(key, 'customers.ndjson', file, file.bytes).toString('utf8')).toBe('{"name":"张三"}\n');
  });

  it('refuses another private key, altered bytes and a renamed file', () => {
    const { contentKey, wrappedKey } = newContentKey(pair.publicKeyPem);
    const file = encrypt(contentKey, 'customers.ndjson', 'secret');
    expect(() => unwrapContentKey(other.privateKeyPem, wrappedKey)).toThrow(CryptoError);
    const altered = Buffer.from(file.bytes);
    altered[0] = (altered[0] ?? 0) ^ 1;
    expect(() => decryptPackageFile(contentKey, 'customers.ndjson', file, altered)).toThrow(CryptoError);
    expect(() => decryptPackageFile(contentKey, 'other.ndjson', file, file.bytes)).toThrow(CryptoError);
  });

  it('refuses a public key that is not RSA PEM, without echoing it', () => {
    expect(() => newContentKey('not a key 13800138000')).toThrow(/not a PEM public key/);
    expect(() => newContentKey('not a key 13800138000')).not.toThrow(/13800138000/);
  });

  it('seals the private key under the master key, bound to its case', () => {
    const master = MasterKey.generate();
    const sealed = sealRecipientPrivateKey(master, 'cs_a', pair.privateKeyPem);
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(openRecipientPrivateKey(master, 'cs_a', sealed)).toBe(pair.privateKeyPem);
    expect(() => openRecipientPrivateKey(master, 'cs_b', sealed)).toThrow();
    expect(() => openRecipientPrivateKey(MasterKey.generate(), 'cs_a', sealed)).toThrow();
  });
});
