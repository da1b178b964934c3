import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './hash-chain';

/**
 * A signed statement "the chain of `scope` had `count` events ending at `seq` with hash `head`
 * at time `at`". Signed with Ed25519 by the services (key `keyId`); anyone holding the public key
 * can check it, so a database writer who drops or rewrites events cannot forge a matching one.
 */
export interface AuditCheckpoint {
  /** The chain: a case id, `incident:<id>` or `global`. */
  scope: string;
  /** seq of the last event covered. */
  seq: number;
  /** The plain SHA-256 link (`hash`) of that event. */
  head: string;
  /** Events in the chain when signed (equals seq for an intact chain). */
  count: number;
  /** ISO-8601 time of signing. */
  at: string;
  /** Id of the signing key (fingerprint of its public key). */
  keyId: string;
  /** base64 Ed25519 signature over checkpointMessage(). */
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>;

/** Domain-separated bytes that are signed: a signature for anything else never verifies here. */
export function checkpointMessage(checkpoint: UnsignedCheckpoint): Buffer {
  const { scope, seq, head, count, at, keyId } = checkpoint;
  return Buffer.from(`handover-audit-checkpoint/v1\n${canonicalJson({ scope, seq, head, count, at, keyId })}`, 'utf8');
}

/** True when the checkpoint is signed by `publicKey` (PEM or KeyObject) under the expected key id. */
export function checkpointSignedBy(checkpoint: AuditCheckpoint, publicKey: KeyObject | string, keyId: string): boolean {
  if (checkpoint.keyId !== keyId || typeof checkpoint.signature !== 'string') return false;
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify(null, checkpointMessage(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
