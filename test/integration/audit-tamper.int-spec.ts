import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { AuditKey, AuditSigner } from '@handover/crypto';
import {
  AUDIT_CHECKPOINT_COLLECTION,
  AUDIT_EVENT_COLLECTION,
  auditEventId,
  AuditRepository,
  CaseRepository,
  connectMongo,
  fileCheckpointStore,
  type AuditSealing,
} from '@handover/persistence';
import { chainHash } from '@handover/audit-proof';
import { mongoUriFor } from '@handover/testing';
import { AuditTrailLocator } from '../../services/admin-api/src/audit/audit-trail-locator';
import { ExportAuditTrailUseCase } from '../../services/admin-api/src/audit/export-audit-trail.use-case';
import { parseCheckpointFile, parsePublicKey, verifyExportText } from '../../services/cli/src/commands/audit-file';

/**
 * The keyed, checkpointed audit chain on the real database: each way of tampering with the stored
 * trail (as a database writer without the audit key or the signing key could) is named by the
 * repository's verify, and the offline verifier of the CLI agrees on the admin API's export.
 */
describe('audit trail tampering on the real database', () => {
  let connection: Connection;
  let audit: AuditRepository;
  let exporter: ExportAuditTrailUseCase;
  let dataDir: string;
  const signingPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signer = AuditSigner.fromPem(signingPem);
  const key = AuditKey.fromBase64(randomBytes(32).toString('base64'), 'ak-it');
  const publicKey = parsePublicKey(signer.publicKeyPem, () => '');

  const events = () => connection.collection(AUDIT_EVENT_COLLECTION);
  const caseId = (label: string): string => `cs_it_tamper_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

  /** Six events, then an explicit checkpoint over all six (as at a phase end). */
  async function trail(label: string): Promise<string> {
    const id = caseId(label);
    for (let n = 1; n <= 6; n += 1) {
      await audit.append(id, { actor: { id: 'key_it', role: 'case-manager' }, action: 'case.counted', subject: { type: 'case', id }, data: { n } });
    }
    await expect(audit.checkpoint(id)).resolves.toMatchObject({ scope: id, seq: 6, count: 6 });
    return id;
  }

  async function exported(id: string): Promise<string> {
    let text = '';
    for await (const chunk of await exporter.execute(id)) text += String(chunk);
    return text;
  }

  const offline = async (id: string, outside: boolean = false) =>
    verifyExportText(await exported(id), publicKey, outside ? [parseCheckpointFile(readFileSync(join(dataDir, 'audit', 'checkpoints', `${id}.json`), 'utf8'))] : []);

  /** Re-inserts stored events (minus _id) at new seqs, as a writer renumbering the chain would. */
  async function rewrite(id: string, rows: Array<Record<string, unknown> & { seq: number }>): Promise<void> {
    await events().deleteMany({ caseId: id });
    await events().insertMany(rows.map((row) => ({ ...row, _id: auditEventId(id, row.seq) })) as never[]);
  }

  const stored = async (id: string) =>
    (await events().find({ caseId: id }).sort({ seq: 1 }).toArray()).map(({ _id, ...row }) => row as Record<string, unknown> & { seq: number; hash: string; prevHash: string | null });

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_audit_tamper'));
    dataDir = mkdtempSync(join(tmpdir(), 'handover-audit-'));
    const sealing: AuditSealing = { key, signer, everyEvents: 100, everyMs: 60 * 60_000, latest: fileCheckpointStore(dataDir) };
    audit = new AuditRepository(connection, { sealing });
    await audit.ensureIndexes();
    exporter = new ExportAuditTrailUseCase(audit, new AuditTrailLocator(audit, new CaseRepository(connection)));
  });

  afterAll(async () => {
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('appends keyed events with the key id and a MAC the database cannot recompute; the untouched trail verifies online and offline', async () => {
    const id = await trail('intact');
    const [first] = await stored(id);
    expect(first).toMatchObject({ v: 2, keyId: 'ak-it' });
    expect(first!['mac']).toBe(key.mac(first!.hash));
    expect(await audit.verify(id)).toEqual({ valid: true, events: 6, schemes: { unkeyed: 0, keyed: 6 }, checkpoint: expect.objectContaining({ seq: 6, count: 6 }) });
    expect(await offline(id, true)).toMatchObject({ valid: true, events: 6, checkpoint: { seq: 6, count: 6 } });
    // The append path sealed the first event by itself (no checkpoint yet), the explicit call the sixth.
    expect((await audit.listCheckpoints(id)).map((c) => c.seq)).toEqual([1, 6]);
  });

  it('names an edited event', async () => {
    const id = await trail('edited');
    await events().updateOne({ caseId: id, seq: 3 }, { $set: { 'data.n': 42 } });
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'edited' });
    expect(await offline(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'edited' });
  });

  it('names a deleted event', async () => {
    const id = await trail('deleted');
    await events().deleteOne({ caseId: id, seq: 3 });
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'deleted' });
    expect(await offline(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'deleted' });
  });

  it('names an inserted event (later events renumbered)', async () => {
    const id = await trail('inserted');
    const rows = await stored(id);
    const body = { ...rows[2]!, seq: 3, data: { n: 99 } };
    delete (body as Record<string, unknown>)['hash'];
    delete (body as Record<string, unknown>)['mac'];
    delete (body as Record<string, unknown>)['prevHash'];
    const intruder = { ...body, prevHash: rows[1]!.hash, hash: chainHash(rows[1]!.hash, body), mac: '0'.repeat(64) };
    await rewrite(id, [...rows.slice(0, 2), intruder, ...rows.slice(2).map((row) => ({ ...row, seq: row.seq + 1 }))]);
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'inserted' });
    expect(await offline(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'inserted' });
  });

  it('names reordered events (seq values swapped)', async () => {
    const id = await trail('reordered');
    const rows = await stored(id);
    await rewrite(id, [...rows.slice(0, 2), { ...rows[3]!, seq: 3 }, { ...rows[2]!, seq: 4 }, ...rows.slice(4)]);
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'reordered' });
    expect(await offline(id)).toMatchObject({ valid: false, firstBrokenAt: 3, kind: 'reordered' });
  });

  it('names a cut tail, even when the checkpoints in the database were cut too, from the checkpoint kept outside', async () => {
    const id = await trail('truncated');
    await events().deleteMany({ caseId: id, seq: { $gt: 4 } });
    await connection.collection(AUDIT_CHECKPOINT_COLLECTION).deleteMany({ scope: id, seq: { $gt: 4 } });
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 5, kind: 'truncated' });
    expect(await offline(id, true)).toMatchObject({ valid: false, firstBrokenAt: 5, kind: 'truncated' });
  });

  it('verifies a mixed trail: unkeyed (v1) events written before keys, then keyed ones', async () => {
    const id = caseId('mixed');
    const legacy = new AuditRepository(connection);
    for (const n of [1, 2]) await legacy.append(id, { actor: { id: 'system', role: 'system' }, action: 'case.counted', subject: { type: 'case', id }, data: { n } });
    for (const n of [3, 4]) await audit.append(id, { actor: { id: 'system', role: 'system' }, action: 'case.counted', subject: { type: 'case', id }, data: { n } });
    const [old] = await stored(id);
    expect(old).not.toHaveProperty('v');
    expect(await audit.verify(id)).toMatchObject({ valid: true, events: 4, schemes: { unkeyed: 2, keyed: 2 } });
    expect(await offline(id)).toMatchObject({ valid: true, events: 4, schemes: { unkeyed: 2, keyed: 2 } });
  });
});
