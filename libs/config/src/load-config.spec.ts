import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminApiSchema, mailInFlight, portalSchema, workerSchema } from './schema';
import { ConfigError, loadConfig } from './load-config';
import { loadSecrets } from './secrets';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(adminApiSchema, {});
    expect(config.ADMIN_PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/handover');
  });

  it('keeps 20 messages in flight per SMTP connection unless SMTP_MAX_IN_FLIGHT says otherwise', () => {
    expect(mailInFlight(loadConfig(workerSchema, {}))).toBe(100);
    expect(mailInFlight(loadConfig(workerSchema, { SMTP_MAX_CONNECTIONS: '2' }))).toBe(40);
    expect(mailInFlight(loadConfig(workerSchema, { SMTP_MAX_IN_FLIGHT: '7' }))).toBe(7);
    expect(() => loadConfig(workerSchema, { SMTP_MAX_IN_FLIGHT: '1001' })).toThrow(/SMTP_MAX_IN_FLIGHT/);
  });

  it('bounds the worker\'s workflow cache by default and accepts 0 (no cache) or at least 2', () => {
    expect(loadConfig(workerSchema, {}).WORKER_MAX_CACHED_WORKFLOWS).toBe(100);
    expect(loadConfig(workerSchema, { WORKER_MAX_CACHED_WORKFLOWS: '0' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(0);
    expect(() => loadConfig(workerSchema, { WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('sizes the portal limits for shared addresses by default and names a bad limit', () => {
    const config = loadConfig(portalSchema, {});
    expect(config.PORTAL_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(config.PORTAL_LINK_RATE_LIMIT_PER_MINUTE).toBe(60);
    expect(loadConfig(portalSchema, { PORTAL_LINK_RATE_LIMIT_PER_MINUTE: '5' }).PORTAL_LINK_RATE_LIMIT_PER_MINUTE).toBe(5);
    expect(() => loadConfig(portalSchema, { PORTAL_LINK_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/PORTAL_LINK_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig(portalSchema, { PORTAL_RATE_LIMIT_PER_MINUTE: 'many' })).toThrow(/PORTAL_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig(adminApiSchema, { ADMIN_AUTH_FAILURES_PER_MINUTE: '-1' })).toThrow(/ADMIN_AUTH_FAILURES_PER_MINUTE/);
  });

  it('leaves OpenID Connect off by default, and needs the client id and redirect URL with an issuer, https unless loopback', () => {
    expect(loadConfig(adminApiSchema, {})).toMatchObject({ OIDC_ROLE_CLAIM: 'handover_role', OIDC_TEAM_CLAIM: 'handover_team', OIDC_SCOPES: 'openid' });
    expect(loadConfig(adminApiSchema, {}).OIDC_ISSUER).toBeUndefined();
    const issuer = { OIDC_ISSUER: 'https://idp.example' };
    expect(() => loadConfig(adminApiSchema, issuer)).toThrow(/OIDC_CLIENT_ID: is required.*OIDC_REDIRECT_URL: is required/);
    const complete = { ...issuer, OIDC_CLIENT_ID: 'handover', OIDC_REDIRECT_URL: 'https://handover.example/auth/callback' };
    expect(loadConfig(adminApiSchema, complete).OIDC_ISSUER).toBe('https://idp.example');
    expect(() => loadConfig(adminApiSchema, { ...complete, OIDC_ISSUER: 'http://idp.example' })).toThrow(/OIDC_ISSUER/);
    expect(loadConfig(adminApiSchema, { ...complete, OIDC_ISSUER: 'http://127.0.0.1:4444' }).OIDC_ISSUER).toBe('http://127.0.0.1:4444');
    expect(() => loadConfig(adminApiSchema, { ...complete, OIDC_REDIRECT_URL: 'https://handover.example/elsewhere' })).toThrow(/OIDC_REDIRECT_URL/);
  });

  it('stores blobs in the local folder by default, in GridFS when asked, and names HANDOVER_STORAGE when it is neither', () => {
    expect(loadConfig(workerSchema, {}).HANDOVER_STORAGE).toBe('local');
    expect(loadConfig(adminApiSchema, { HANDOVER_STORAGE: 'gridfs' }).HANDOVER_STORAGE).toBe('gridfs');
    expect(() => loadConfig(workerSchema, { HANDOVER_STORAGE: 's3' })).toThrow(/HANDOVER_STORAGE: must be local or gridfs/);
  });

  it('names the field at fault without echoing its value', () => {
    const attempt = () => loadConfig(workerSchema, { SMTP_URL: 'http://secret-host.example' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SMTP_URL/);
    expect(attempt).not.toThrow(/secret-host/);
  });
});

describe('loadSecrets', () => {
  it('generates the master key and admin token once and then reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-secrets-'));
    const first = loadSecrets({ HANDOVER_DATA_DIR: dir });
    const second = loadSecrets({ HANDOVER_DATA_DIR: dir });
    expect(Buffer.from((first.masterKeys as { single: string }).single, 'base64')).toHaveLength(32);
    expect(first.adminTokenGenerated).toBe(true);
    expect(second.adminTokenGenerated).toBe(false);
    expect(second).toMatchObject({ masterKeys: first.masterKeys, adminToken: first.adminToken });
  });

  it('prefers the environment and rejects a master key of the wrong size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-secrets-'));
    const key = Buffer.alloc(32, 7).toString('base64');
    const secrets = loadSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_MASTER_KEY: key, HANDOVER_ADMIN_TOKEN: 'x'.repeat(20) });
    expect(secrets).toEqual({ masterKeys: { single: key }, adminToken: 'x'.repeat(20), adminTokenGenerated: false });
    expect(() => loadSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('reads a master keyring from HANDOVER_MASTER_KEYS or secrets/master-keys.json, naming ids and never keys in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-secrets-'));
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    const ring = { active: 'k2', keys: { k1, k2 } };
    expect(loadSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_MASTER_KEYS: JSON.stringify(ring), HANDOVER_MASTER_KEY: k1 }).masterKeys).toEqual(ring);
    mkdirSync(join(dir, 'secrets'), { recursive: true });
    writeFileSync(join(dir, 'secrets', 'master-keys.json'), JSON.stringify(ring));
    expect(loadSecrets({ HANDOVER_DATA_DIR: dir }).masterKeys).toEqual(ring);
    // The single key of the environment still wins over the file.
    expect(loadSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_MASTER_KEY: k1 }).masterKeys).toEqual({ single: k1 });
    const attempt = (text: string) => () => loadSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_MASTER_KEYS: text });
    expect(attempt(JSON.stringify({ active: 'k3', keys: { k1 } }))).toThrow(/active key k3 is not among its keys/);
    expect(attempt(JSON.stringify({ active: 'k1', keys: { k1: 'c2hvcnQ=' } }))).toThrow(/HANDOVER_MASTER_KEYS key k1 must be base64 of exactly 32 bytes/);
    expect(attempt(`{"active":"k1","keys":{"k1":"${k1}"`)).toThrow(/must be JSON/);
    expect(attempt(`{"active":"k1","keys":{"k1":"${k1}"`)).not.toThrow(k1);
  });
});
