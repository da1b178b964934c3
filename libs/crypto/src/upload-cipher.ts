import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import type { MasterKey } from './master-key';

/** What must be stored next to an encrypted upload to read it back (no secret in clear). */
export interface UploadSealInfo {
  /** The upload's random key, wrapped by the master key (AAD `upload:<uploadId>`). */
  wrappedKey: string;
  iv: string;
  /** GCM tag, known once the whole stream has been written. */
  authTag?: string;
}

/**
 * Streaming AES-256-GCM for uploaded files (inventories hold personal data in clear): each upload
 * gets its own random key wrapped by the master key. GCM authenticates at the end of the stream,
 * so a reader sees plaintext before the tag is checked and must treat a final error as fatal.
 */
export class UploadCipher {
  constructor(private readonly master: MasterKey) {}

  encryptStream(uploadId: string): { cipher: CipherGCM; info: UploadSealInfo } {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`upload:${uploadId}`));
    return { cipher, info: { wrappedKey: this.master.wrap(key, `upload:${uploadId}`), iv: iv.toString('base64') } };
  }

  /** Call after the cipher stream has ended. */
  static authTagOf(cipher: CipherGCM): string {
    return cipher.getAuthTag().toString('base64');
  }

  decryptStream(uploadId: string, info: UploadSealInfo): DecipherGCM {
    if (!info.authTag) throw new Error(`upload ${uploadId} was not sealed (no auth tag)`);
    const key = this.master.unwrap(info.wrappedKey, `upload:${uploadId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(info.iv, 'base64'));
    decipher.setAAD(Buffer.from(`upload:${uploadId}`));
    decipher.setAuthTag(Buffer.from(info.authTag, 'base64'));
    return decipher;
  }
}
