// Small helpers shared by the crypto files. Only sha256Hex is exported from index.ts.
import { createHash, randomFillSync } from 'node:crypto';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** SHA-256 hex of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Strict base64url decoding: only the URL-safe alphabet, no padding, and canonical (re-encoding gives
 * the same text), so that two different strings never decode to the same bytes. Returns null if invalid.
 */
export function decodeB64url(text: string): Buffer | null {
  if (!B64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

// Random 12-byte GCM nonces, taken from a pool filled in bulk: one randomFillSync call per 4096 nonces
// instead of one randomBytes call per encryption roughly halves the cost of a field encryption. Each
// slice is handed out once; callers must consume it synchronously (createCipheriv copies it).
const IV_LENGTH = 12;
const ivPool = Buffer.alloc(IV_LENGTH * 4096);
let ivOffset = ivPool.length;

export function nextIv(): Buffer {
  if (ivOffset + IV_LENGTH > ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_LENGTH);
  ivOffset += IV_LENGTH;
  return iv;
}

export const GCM_IV_LENGTH = IV_LENGTH;
export const GCM_TAG_LENGTH = 16;
