import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** Key id of a signing key: `as-` + the first 16 hex of SHA-256 over its public key (SPKI DER). */
export function signingKeyId(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return `as-${createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)}`;
}
