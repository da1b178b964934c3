import { generateKeyPairSync } from 'node:crypto';
import { AUDIT_SCHEME_KEYED, chainHash, toTrailEvent, TrailVerifier, verifyAuditExport, type AuditCheckpoint } from '@handover/audit-proof';
import { AuditKey } from './audit-key';
import { AuditSigner } from './audit-signer';

/** The keyed chain and signed checkpoints end to end in memory: each tampering kind, online and offline. */
describe('keyed audit chain with signed checkpoints', () => {
  const key = AuditKey.fromBase64(Buffer.alloc(32, 3).toString('base64'));
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = AuditSigner.fromPem(pem);
  const scope = 'cs_proof';

  type Row = Record<string, unknown> & { seq: number; hash: string; prevHash: string | null };
  const link = (seq: number, prevHash: string | null, n: number): Row => {
    const body = { caseId: scope, seq, at: '2026-12-05T10:00:00.000Z', action: 'case.counted', data: { n }, v: AUDIT_SCHEME_KEYED, keyId: key.id };
    const hash = chainHash(prevHash, body);
    return { ...body, prevHash, hash, mac: key.mac(hash) };
  };
  const chain = (length: number): Row[] => {
    const rows: Row[] = [];
    for (let seq = 1; seq <= length; seq += 1) rows.push(link(seq, rows[seq - 2]?.hash ?? null, seq));
    return rows;
  };
  const checkpointOf = (rows: Row[]): AuditCheckpoint => {
    const last = rows[rows.length - 1]!;
    return signer.sign({ scope, seq: last.seq, head: last.hash, count: rows.length, at: '2026-12-05T10:05:00.000Z' });
  };
  const online = (rows: Row[], checkpoints: AuditCheckpoint[]) => {
    const verifier = new TrailVerifier({ scope, checkpoints, publicKey: signer.publicKeyPem, keyId: signer.keyId, macValid: (e) => key.verify(e.hash, e.mac) });
    for (const row of rows) verifier.push(toTrailEvent(row));
    return verifier.result();
  };
  const offline = (rows: Row[], checkpoints: AuditCheckpoint[], outside: AuditCheckpoint[] = []) =>
    verifyAuditExport([...rows.map((r) => JSON.stringify(r)), ...checkpoints.map((c) => JSON.stringify({ checkpoint: c }))].join('\n'), signer.publicKeyPem, outside);
  const both = (rows: Row[], checkpoints: AuditCheckpoint[], outside: AuditCheckpoint[] = []) => [online(rows, [...checkpoints, ...outside]), offline(rows, checkpoints, outside)];

  it('verifies an untampered trail online and offline, counting keyed events', () => {
    const rows = chain(6);
    for (const result of both(rows, [checkpointOf(rows)])) {
      expect(result).toEqual({ valid: true, events: 6, schemes: { unkeyed: 0, keyed: 6 }, checkpoint: { seq: 6, count: 6, at: '2026-12-05T10:05:00.000Z' } });
    }
  });

  it('names an edited event', () => {
    const rows = chain(6);
    const cp = checkpointOf(rows);
    rows[2] = { ...rows[2]!, data: { n: 42 } };
    for (const result of both(rows, [cp])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'edited' });
  });

  it('names an edit whose plain hash was recomputed: the HMAC online, the signed head offline', () => {
    const rows = chain(6);
    const cp = checkpointOf(rows);
    const tampered: Row[] = rows.slice(0, 2);
    for (let seq = 3; seq <= 6; seq += 1) {
      const row = link(seq, tampered[seq - 2]!.hash, seq === 3 ? 42 : seq);
      tampered.push({ ...row, mac: rows[seq - 1]!.mac });
    }
    expect(online(tampered, [cp])).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'edited' });
    expect(offline(tampered, [cp])).toMatchObject({ valid: false, firstBrokenAt: 1, kind: 'edited' });
  });

  it('names a deleted event', () => {
    const rows = chain(6);
    const cp = checkpointOf(rows);
    rows.splice(2, 1);
    for (const result of both(rows, [cp])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'deleted' });
  });

  it('names an inserted event (later events renumbered)', () => {
    const rows = chain(6);
    const cp = checkpointOf(rows);
    const intruder = link(3, rows[1]!.hash, 99);
    const tampered = [...rows.slice(0, 2), { ...intruder, mac: '0'.repeat(64) }, ...rows.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }))];
    for (const result of both(tampered, [cp])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'inserted' });
  });

  it('names reordered events (seq values swapped)', () => {
    const rows = chain(6);
    const cp = checkpointOf(rows);
    const tampered = [...rows.slice(0, 2), { ...rows[3]!, seq: 3 }, { ...rows[2]!, seq: 4 }, ...rows.slice(4)];
    for (const result of both(tampered, [cp])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'reordered' });
  });

  it('names a cut tail from the checkpoint kept outside the database', () => {
    const rows = chain(6);
    const outside = checkpointOf(rows);
    const early = checkpointOf(rows.slice(0, 4));
    for (const result of both(rows.slice(0, 4), [early], [outside])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 5, kind: 'truncated' });
  });

  it('refuses a checkpoint not signed by the key', () => {
    const rows = chain(3);
    const cp = { ...checkpointOf(rows), count: 2 };
    for (const result of both(rows, [cp])) expect(result).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'checkpoint-forged' });
  });

  it('still verifies an old unkeyed event before keyed ones, and names a downgrade', () => {
    const legacyBody = { caseId: scope, seq: 1, action: 'case.opened' };
    const legacy = { ...legacyBody, prevHash: null, hash: chainHash(null, legacyBody) };
    const next = link(2, legacy.hash, 2);
    expect(online([legacy, next], [])).toMatchObject({ valid: true, schemes: { unkeyed: 1, keyed: 1 } });
    const downgradeBody = { caseId: scope, seq: 3, action: 'case.counted' };
    const downgrade = { ...downgradeBody, prevHash: next.hash, hash: chainHash(next.hash, downgradeBody) };
    expect(online([legacy, next, downgrade], [])).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'edited' });
  });
});
