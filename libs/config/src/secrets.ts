import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The master keys (base64 of 32 bytes each), which wrap the per-case data keys and the derivation
 * key: the single key of old, or a keyring by id with the active one named (libs/crypto's
 * MasterKeySource, `MasterKeyring.from`).
 */
export type MasterKeys = { single: string } | { active: string; keys: Readonly<Record<string, string>> };

export interface Secrets {
  masterKeys: MasterKeys;
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

/**
 * The single master key of old, for tools (benchmarks, tests) that read what the running services
 * wrote with it in process; a keyring installation has no such key (its derivation key is in the database).
 */
export function singleMasterKey(keys: MasterKeys): string {
  if ('single' in keys) return keys.single;
  throw new Error('the master keys are a keyring (HANDOVER_MASTER_KEYS or master-keys.json): this tool needs the single HANDOVER_MASTER_KEY');
}

const MASTER_KEYS_FILE = 'master-keys.json';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function loadSecrets(config: {
  HANDOVER_DATA_DIR: string; HANDOVER_MASTER_KEY?: string | undefined; HANDOVER_MASTER_KEYS?: string | undefined; HANDOVER_ADMIN_TOKEN?: string | undefined;
}): Secrets {
  const dir = join(resolve(config.HANDOVER_DATA_DIR), 'secrets');
  const masterKeys = loadMasterKeys(config, dir);
  if (config.HANDOVER_ADMIN_TOKEN) {
    return { masterKeys, adminToken: config.HANDOVER_ADMIN_TOKEN, adminTokenGenerated: false };
  }
  const token = readOrCreate(dir, 'admin.token', () => 'hov_admin_' + randomBytes(24).toString('base64url'));
  return { masterKeys, adminToken: token.value, adminTokenGenerated: token.created };
}

/**
 * HANDOVER_MASTER_KEYS, else HANDOVER_MASTER_KEY, else secrets/master-keys.json, else
 * secrets/master.key (created once). Errors name the setting and key ids, never a key.
 */
function loadMasterKeys(config: { HANDOVER_MASTER_KEY?: string | undefined; HANDOVER_MASTER_KEYS?: string | undefined }, dir: string): MasterKeys {
  if (config.HANDOVER_MASTER_KEYS !== undefined) return parseKeyring(config.HANDOVER_MASTER_KEYS, 'HANDOVER_MASTER_KEYS');
  if (config.HANDOVER_MASTER_KEY === undefined && existsSync(join(dir, MASTER_KEYS_FILE))) {
    return parseKeyring(readFileSync(join(dir, MASTER_KEYS_FILE), 'utf8'), `secrets/${MASTER_KEYS_FILE}`);
  }
  const single = config.HANDOVER_MASTER_KEY ?? readOrCreate(dir, 'master.key', () => randomBytes(32).toString('base64')).value;
  assertKey(single, 'HANDOVER_MASTER_KEY');
  return { single };
}

function parseKeyring(text: string, source: string): MasterKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} must be JSON {"active":"<id>","keys":{"<id>":"<base64 of 32 bytes>"}}`);
  }
  const { active, keys } = (parsed ?? {}) as { active?: unknown; keys?: unknown };
  if (typeof active !== 'string' || typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    throw new Error(`${source} must be JSON {"active":"<id>","keys":{"<id>":"<base64 of 32 bytes>"}}`);
  }
  const entries = Object.entries(keys as Record<string, unknown>);
  for (const [id, key] of entries) {
    if (!KEY_ID.test(id)) throw new Error(`${source}: a key id must be 1 to 64 letters, digits, "-" or "_"`);
    assertKey(key, `${source} key ${id}`);
  }
  if (!entries.some(([id]) => id === active)) throw new Error(`${source}: the active key ${KEY_ID.test(active) ? active : '(invalid id)'} is not among its keys`);
  return { active, keys: Object.fromEntries(entries) as Record<string, string> };
}

function assertKey(key: unknown, name: string): asserts key is string {
  if (typeof key !== 'string' || Buffer.from(key, 'base64').length !== 32) {
    throw new Error(`${name} must be base64 of exactly 32 bytes`);
  }
}
