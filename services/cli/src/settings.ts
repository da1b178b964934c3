import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** What `handover login` stores. */
export interface StoredLogin {
  apiUrl: string;
  token: string;
}

/**
 * `$HANDOVER_CONFIG_DIR`, else the platform's config folder: `%APPDATA%\handover` on Windows,
 * `~/Library/Application Support/handover` on macOS, `$XDG_CONFIG_HOME/handover` or
 * `~/.config/handover` elsewhere.
 */
export function configDir(env: Env, platform: NodeJS.Platform = process.platform): string {
  if (env['HANDOVER_CONFIG_DIR']) return env['HANDOVER_CONFIG_DIR'];
  const home = env['HOME'] || homedir();
  if (platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'handover');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'handover');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'handover');
}

export const configFile = (env: Env): string => join(configDir(env), 'config.json');

export function readLogin(env: Env): Partial<StoredLogin> {
  const path = configFile(env);
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredLogin>;
  return { ...(typeof parsed.apiUrl === 'string' ? { apiUrl: parsed.apiUrl } : {}), ...(typeof parsed.token === 'string' ? { token: parsed.token } : {}) };
}

/** Writes the login readable by its owner only (0600 in a 0700 folder), also when the file existed. */
export function writeLogin(env: Env, login: StoredLogin): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = configFile(env);
  writeFileSync(path, JSON.stringify(login, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

export function removeLogin(env: Env): string | undefined {
  const path = configFile(env);
  if (!existsSync(path)) return undefined;
  rmSync(path);
  return path;
}

/** Flags, then the environment, then the login file. */
export function resolveConnection(flags: { apiUrl?: string; token?: string }, env: Env): { apiUrl?: string; token?: string } {
  const stored = flags.apiUrl && flags.token ? {} : readLogin(env);
  const apiUrl = flags.apiUrl ?? env['HANDOVER_API_URL'] ?? stored.apiUrl;
  const token = flags.token ?? env['HANDOVER_TOKEN'] ?? stored.token;
  return { ...(apiUrl ? { apiUrl } : {}), ...(token ? { token } : {}) };
}
