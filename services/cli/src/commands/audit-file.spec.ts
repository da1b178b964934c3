import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { AUDIT_SCHEME_KEYED, chainHash, checkpointMessage, ExportFormatError, signingKeyId, type AuditCheckpoint, type UnsignedCheckpoint } from '@handover/audit-proof';
import { parseCheckpointFile, parsePublicKey, PublicKeyFormatError, verifyExportText } from './audit-file';

describe('audit verify-file helpers', () => {
  // The services sign with libs/crypto AuditSigner; the CLI may not depend on it, so sign here.
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const signer = {
    keyId: signingKeyId(publicKeyPem),
    publicKeyPem,
    sign(fields: Omit<UnsignedCheckpoint, 'keyId'>): AuditCheckpoint {
      const unsigned = { ...fields, keyId: this.keyId };
      return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), privateKey).toString('base64') };
    },
  };
  const scope = 'cs_file';
  const rows = [1, 2, 3].reduce<Array<Record<string, unknown> & { hash: string }>>((acc, seq) => {
    const prevHash = acc[seq - 2]?.hash ?? null;
    const body = { caseId: scope, seq, action: 'case.counted', data: { n: seq }, v: AUDIT_SCHEME_KEYED, keyId: 'ak-test' };
    return [...acc, { ...body, prevHash, hash: chainHash(prevHash, body), mac: 'f'.repeat(64) }];
  }, []);
  const checkpoint = signer.sign({ scope, seq: 3, head: rows[2]!.hash, count: 3, at: '2026-12-05T10:00:00.000Z' });
  const text = (events: object[], checkpoints: object[] = []) => [...events, ...checkpoints.map((c) => ({ checkpoint: c }))].map((r) => JSON.stringify(r)).join('\n');

  it('reads the public key inline, from a PEM file, or from the JSON of GET /v1/audit/public-key', () => {
    const pem = signer.publicKeyPem;
    const files: Record<string, string> = { 'key.pem': pem, 'key.json': JSON.stringify({ keyId: signer.keyId, publicKey: pem }) };
    const read = (path: string) => files[path] ?? '';
    for (const source of [pem, 'key.pem', 'key.json']) expect(parsePublicKey(source, read).asymmetricKeyType).toBe('ed25519');
  });

  it('refuses what is not an Ed25519 public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKey(rsa, () => '')).toThrow(PublicKeyFormatError);
    expect(() => parsePublicKey('nothing.pem', () => 'not a key')).toThrow(PublicKeyFormatError);
    expect(() => parsePublicKey('bad.json', () => '{oops')).toThrow(PublicKeyFormatError);
  });

  it('reads a checkpoint file bare or wrapped, and refuses anything else', () => {
    expect(parseCheckpointFile(JSON.stringify(checkpoint))).toEqual(checkpoint);
    expect(parseCheckpointFile(JSON.stringify({ checkpoint }))).toEqual(checkpoint);
    expect(() => parseCheckpointFile('[]')).toThrow(ExportFormatError);
    expect(() => parseCheckpointFile('nope')).toThrow(ExportFormatError);
  });

  it('verifies an export and names its scope; a cut tail shows against the checkpoint kept outside', () => {
    const key = parsePublicKey(signer.publicKeyPem, () => '');
    expect(verifyExportText(text(rows, [checkpoint]), key)).toMatchObject({ valid: true, events: 3, scope, checkpoint: { seq: 3 } });
    expect(verifyExportText(text(rows.slice(0, 2)), key)).toMatchObject({ valid: true, scope });
    expect(verifyExportText(text(rows.slice(0, 2)), key, [checkpoint])).toMatchObject({ valid: false, kind: 'truncated', firstBrokenAt: 3 });
  });
});
