import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readOrCreate } from './secrets';

export interface AuditSecrets {
  /** base64 of 32 bytes: the HMAC key of keyed audit events; never stored in the database. */
  auditKey: string;
  /** The key id given, or undefined (then derived from the key by libs/crypto AuditKey). */
  auditKeyId: string | undefined;
  /** PKCS#8 PEM of the Ed25519 checkpoint signing key. */
  auditSigningKey: string;
}

/**
 * The audit keys, provided like the master key: from the environment, or generated once into
 * `<HANDOVER_DATA_DIR>/secrets/` (atomically, so the three services share one value).
 */
export function loadAuditSecrets(config: {
  HANDOVER_DATA_DIR: string;
  HANDOVER_AUDIT_KEY?: string | undefined;
  HANDOVER_AUDIT_KEY_ID?: string | undefined;
  HANDOVER_AUDIT_SIGNING_KEY?: string | undefined;
}): AuditSecrets {
  const dir = join(resolve(config.HANDOVER_DATA_DIR), 'secrets');
  const auditKey = config.HANDOVER_AUDIT_KEY ?? readOrCreate(dir, 'audit.key', () => randomBytes(32).toString('base64')).value;
  if (Buffer.from(auditKey, 'base64').length !== 32) throw new Error('HANDOVER_AUDIT_KEY must be base64 of exactly 32 bytes');
  const auditSigningKey = config.HANDOVER_AUDIT_SIGNING_KEY
    ?? readOrCreate(dir, 'audit-signing.pem', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim()).value;
  if (createPrivateKey(auditSigningKey).asymmetricKeyType !== 'ed25519') throw new Error('HANDOVER_AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM)');
  return { auditKey, auditKeyId: config.HANDOVER_AUDIT_KEY_ID, auditSigningKey };
}
