import { constants, createCipheriv, createDecipheriv, createPrivateKey, privateDecrypt, publicEncrypt, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import { CryptoError } from '../errors';
import { parseRecipientPublicKey } from './recipient-keys';

/**
 * Hybrid encryption of a handover package for its recipient: every file is AES-256-GCM under one
 * random content key; the content key is wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256) under the
 * recipient's public key. Only the recipient's private key opens the package.
 */
export const PACKAGE_ENCRYPTION = {
  content: 'AES-256-GCM',
  keyWrap: 'RSA-OAEP-SHA256',
  ivBytes: 12,
  tagBytes: 16,
} as const;

export interface WrappedContentKey {
  /** The content key, in memory only while the package is written. */
  contentKey: Buffer;
  /** RSA-OAEP-SHA256 of the content key, base64. */
  wrappedKey: string;
}

/** A random content key, wrapped for the recipient. */
export function newContentKey(recipientPublicKeyPem: string): WrappedContentKey {
  const publicKey = parseRecipientPublicKey(recipientPublicKeyPem);
  const contentKey = randomBytes(32);
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, contentKey);
  return { contentKey, wrappedKey: wrapped.toString('base64') };
}

/** The recipient's side: the content key from the wrapped form. */
export function unwrapContentKey(privateKeyPem: string, wrappedKey: string): Buffer {
  try {
    const privateKey = createPrivateKey({ key: privateKeyPem, format: 'pem' });
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(wrappedKey, 'base64'));
  } catch {
    throw new CryptoError('the content key does not open with this private key', 'authentication-failed');
  }
}

/** A streaming AES-256-GCM encryptor of one file; `authTag()` once the stream has ended. */
export interface FileEncryptor {
  /** base64 */
  iv: string;
  cipher: CipherGCM;
  /** base64, after the cipher stream has flushed. */
  authTag(): string;
}

/** One file's encryptor; AAD = the file name, so files cannot be swapped inside a package. */
export function fileEncryptor(contentKey: Buffer, fileName: string): FileEncryptor {
  const iv = randomBytes(PACKAGE_ENCRYPTION.ivBytes);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv, { authTagLength: PACKAGE_ENCRYPTION.tagBytes });
  cipher.setAAD(Buffer.from(fileName, 'utf8'));
  return { iv: iv.toString('base64'), cipher, authTag: () => cipher.getAuthTag().toString('base64') };
}

/** The matching decryptor (a Transform stream), for the recipient's tools and tests. */
export function fileDecryptor(contentKey: Buffer, fileName: string, params: { iv: string; authTag: string }): DecipherGCM {
  const decipher = createDecipheriv('aes-256-gcm', contentKey, Buffer.from(params.iv, 'base64'), { authTagLength: PACKAGE_ENCRYPTION.tagBytes });
  decipher.setAAD(Buffer.from(fileName, 'utf8'));
  decipher.setAuthTag(Buffer.from(params.authTag, 'base64'));
  return decipher;
}

/** Decrypts a whole (small) file in memory; throws when the bytes or the tag do not match. */
export function decryptPackageFile(contentKey: Buffer, fileName: string, params: { iv: string; authTag: string }, ciphertext: Buffer): Buffer {
  try {
    const decipher = fileDecryptor(contentKey, fileName, params);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CryptoError(`package file ${fileName} does not decrypt (wrong key or altered bytes)`, 'authentication-failed');
  }
}
