import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileEncryptor } from '@handover/crypto';
import type { HandoverPackageFile } from '@handover/persistence';

/** A pass-through that hashes (and counts) what flows through it. */
function hashing(): { stream: Transform; digest: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, digest: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/**
 * Streams `chunks` (plaintext) through AES-256-GCM into `path`, hashing the plaintext and the
 * ciphertext on the way: never more than a stream buffer in memory, never plaintext on disk.
 * `name` is the file's name in the manifest (and its AAD).
 */
export async function writeEncryptedFile(
  path: string,
  name: string,
  contentKey: Buffer,
  chunks: AsyncIterable<string>,
): Promise<HandoverPackageFile> {
  const encryptor = fileEncryptor(contentKey, name);
  const plain = hashing();
  const sealed = hashing();
  await pipeline(Readable.from(chunks, { objectMode: false }), plain.stream, encryptor.cipher, sealed.stream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  const p = plain.digest();
  const s = sealed.digest();
  return { name, sha256: s.sha256, plaintextSha256: p.sha256, bytes: s.bytes, iv: encryptor.iv, authTag: encryptor.authTag() };
}
