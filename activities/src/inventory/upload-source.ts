import { pipeline, type Readable } from 'node:stream';
import { UploadCipher, type MasterKey, type UploadSealInfo } from '@handover/crypto';
import { BlobNotFoundError, type BlobStore } from '@handover/persistence';

/** The stored upload cannot be read and never will: missing, not sealed, wrong key, or tampered (GCM tag). */
export class UploadUnreadableError extends Error {
  readonly code = 'IMPORT_UNREADABLE';
  constructor(
    readonly failure: 'missing' | 'unsealed' | 'key' | 'authentication',
    readonly afterBytes: number,
  ) {
    // The message names the failure class only: never a byte of the file.
    super(`stored upload is unreadable (${failure})`);
    this.name = 'UploadUnreadableError';
  }
}

/**
 * Decrypted bytes of an encrypted upload, pulled chunk by chunk. GCM authenticates at the end, so a
 * tampered file surfaces as UploadUnreadableError('authentication') after its last chunk: callers
 * must treat it as fatal for everything they read.
 */
export async function* readUpload(
  blobs: BlobStore,
  master: MasterKey,
  importId: string,
  upload: { key: string; seal: UploadSealInfo },
): AsyncGenerator<Buffer> {
  if (!upload.seal.authTag) throw new UploadUnreadableError('unsealed', 0);
  let decipher;
  try {
    decipher = new UploadCipher(master).decryptStream(importId, upload.seal);
  } catch {
    throw new UploadUnreadableError('key', 0);
  }
  let file: Readable;
  try {
    file = await blobs.get(upload.key);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw new UploadUnreadableError('missing', 0);
    throw error;
  }
  // pipeline forwards a file error to the decipher (we read it there) and cleans both up.
  pipeline(file, decipher, () => undefined);
  let bytes = 0;
  try {
    for await (const chunk of decipher as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new UploadUnreadableError('missing', bytes);
    // Other system errors (EMFILE, EIO...) may pass: rethrown as they are, for the retry policy.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw error;
    // The decipher's only failure without a system code: the GCM tag does not match.
    throw new UploadUnreadableError('authentication', bytes);
  } finally {
    file.destroy();
    decipher.destroy();
  }
}
