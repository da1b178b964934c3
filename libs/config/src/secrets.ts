import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Secrets {
  /** base64 of 32 bytes: wraps the per-case data keys and derives the payload and token keys. */
  masterKey: string;
  /** Bootstrap admin bearer token. */
  adminToken: string;
  /** True when the admin token was generated (so a start script can print it). */
  adminTokenGenerated: boolean;
}

/**
 * Reads a secret file, or creates it atomically (write to a temporary file, then link: the three
 * services start together and must all end up with the same value).
 */
export function readOrCreate(dir: string, name: string, make: () => string): { value: string; created: boolean } {
  const path = join(dir, name);
  try {
    return { value: readFileSync(path, 'utf8').trim(), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, make() + '\n', { mode: 0o600 });
  let created = true;
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  } finally {
    unlinkSync(tmp);
  }
  return { value: readFileSync(path, 'utf8').trim(), created };
}

export function loadSecrets(config: { HANDOVER_DATA_DIR: string; HANDOVER_MASTER_KEY?: string | undefined; HANDOVER_ADMIN_TOKEN?: string | undefined }): Secrets {
  const dir = join(resolve(config.HANDOVER_DATA_DIR), 'secrets');
  const masterKey =
    config.HANDOVER_MASTER_KEY ?? readOrCreate(dir, 'master.key', () => randomBytes(32).toString('base64')).value;
  if (Buffer.from(masterKey, 'base64').length !== 32) {
    throw new Error('HANDOVER_MASTER_KEY must be base64 of exactly 32 bytes');
  }
  if (config.HANDOVER_ADMIN_TOKEN) {
    return { masterKey, adminToken: config.HANDOVER_ADMIN_TOKEN, adminTokenGenerated: false };
  }
  const token = readOrCreate(dir, 'admin.token', () => 'hov_admin_' + randomBytes(24).toString('base64url'));
  return { masterKey, adminToken: token.value, adminTokenGenerated: token.created };
}
