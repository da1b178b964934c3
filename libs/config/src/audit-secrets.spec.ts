import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuditSecrets } from './audit-secrets';

describe('loadAuditSecrets', () => {
  it('generates the audit key and an Ed25519 signing key once under secrets/, then reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-audit-secrets-'));
    const first = loadAuditSecrets({ HANDOVER_DATA_DIR: dir });
    const second = loadAuditSecrets({ HANDOVER_DATA_DIR: dir });
    expect(Buffer.from(first.auditKey, 'base64')).toHaveLength(32);
    expect(createPrivateKey(first.auditSigningKey).asymmetricKeyType).toBe('ed25519');
    expect(second).toEqual(first);
    expect(readFileSync(join(dir, 'secrets', 'audit.key'), 'utf8').trim()).toBe(first.auditKey);
  });

  it('prefers the environment and rejects a wrong key size or key type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-audit-secrets-'));
    const key = Buffer.alloc(32, 9).toString('base64');
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadAuditSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_AUDIT_KEY: key, HANDOVER_AUDIT_KEY_ID: 'ak-2026', HANDOVER_AUDIT_SIGNING_KEY: pem }))
      .toEqual({ auditKey: key, auditKeyId: 'ak-2026', auditSigningKey: pem });
    expect(() => loadAuditSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_AUDIT_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadAuditSecrets({ HANDOVER_DATA_DIR: dir, HANDOVER_AUDIT_SIGNING_KEY: rsa })).toThrow(/Ed25519/);
  });
});
