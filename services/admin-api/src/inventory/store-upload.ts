import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadCipher, type MasterKey, type UploadSealInfo } from '@handover/crypto';

export class UploadTooLargeError extends Error {
  readonly code = 'UPLOAD_TOO_LARGE';
}

/**
 * Streams a request body to `<dataDir>/uploads/<importId>.enc`, encrypted as it arrives: the
 * file never exists in clear and is never held in memory whole.
 */
export async function storeEncryptedUpload(
  body: Readable,
  options: { dataDir: string; importId: string; master: MasterKey; maxBytes: number },
): Promise<{ path: string; bytes: number; seal: UploadSealInfo }> {
  const dir = join(resolve(options.dataDir), 'uploads');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${options.importId}.enc`);
  const { cipher, info } = new UploadCipher(options.master).encryptStream(options.importId);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) done(new UploadTooLargeError(`upload exceeds ${options.maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, cipher, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, bytes, seal: { ...info, authTag: UploadCipher.authTagOf(cipher) } };
}
