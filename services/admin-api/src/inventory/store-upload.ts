import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadCipher, type MasterKey, type UploadSealInfo } from '@handover/crypto';
import { uploadKeyOf, type BlobStore } from '@handover/persistence';

export class UploadTooLargeError extends Error {
  readonly code = 'UPLOAD_TOO_LARGE';
}

/**
 * Streams a request body to the blob store under `uploads/<importId>.enc` (HANDOVER_STORAGE: a file
 * under the data directory, or GridFS), encrypted as it arrives: the upload never exists in clear
 * and is never held in memory whole; a failed or refused upload leaves nothing stored.
 */
export async function storeEncryptedUpload(
  body: Readable,
  options: { store: BlobStore; importId: string; master: MasterKey; maxBytes: number },
): Promise<{ key: string; bytes: number; seal: UploadSealInfo }> {
  const key = uploadKeyOf(options.importId);
  const { cipher, info } = new UploadCipher(options.master).encryptStream(options.importId);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) done(new UploadTooLargeError(`upload exceeds ${options.maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  // The store writes atomically (a temporary file renamed, or a GridFS file listed once complete); an
  // error of the body or the limit destroys `sealed`, so the store's write fails and keeps nothing.
  const sealed = new PassThrough();
  await Promise.all([pipeline(body, limit, cipher, sealed), options.store.put(key, sealed)]);
  return { key, bytes, seal: { ...info, authTag: UploadCipher.authTagOf(cipher) } };
}
