import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { AUDIT_EVENT_COLLECTION } from './audit-event.schema';
import { auditEventId, type AuditEventInput } from './audit-event.entity';
import { AuditRepository } from './audit.repository';

/** The audit chain against the real MongoDB-compatible server (FerretDB unless MONGODB_URI says otherwise). */
describe('AuditRepository on the real database', () => {
  let connection: Connection;
  let audit: AuditRepository;
  const caseId = (label: string): string => `cs_it_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const event = (n: number): AuditEventInput => ({
    actor: { id: 'key_it', role: 'case-manager' },
    action: 'case.counted',
    subject: { type: 'case', id: 'subject' },
    data: { n, gate: 'inventory', ok: true },
  });

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_audit'));
    audit = new AuditRepository(connection);
    await audit.ensureIndexes();
  });

  afterAll(async () => {
    await connection.close();
  });

  it('appends five events as a valid chain with seq 1..5 and zero-padded ids', async () => {
    const id = caseId('five');
    for (let n = 1; n <= 5; n += 1) await audit.append(id, event(n));
    const events = await audit.list(id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prevHash).toBeNull();
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(await audit.verify(id)).toEqual({ valid: true, events: 5, schemes: { unkeyed: 5, keyed: 0 } });
    const raw = await connection.db!.collection(AUDIT_EVENT_COLLECTION).findOne({ _id: `${id}:0000000003` as never });
    expect(raw).toMatchObject({ caseId: id, seq: 3, data: { n: 3 } });
    expect(auditEventId(id, 3)).toBe(`${id}:0000000003`);
  });

  it('pages with after/limit in chain order', async () => {
    const id = caseId('page');
    for (let n = 1; n <= 5; n += 1) await audit.append(id, event(n));
    expect((await audit.list(id, { after: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
    expect((await audit.list(id, { after: 5 }))).toEqual([]);
  });

  it('reports valid:false at the first edited event after one event is changed with the raw driver', async () => {
    const id = caseId('tamper');
    for (let n = 1; n <= 5; n += 1) await audit.append(id, event(n));
    const raw = connection.db!.collection(AUDIT_EVENT_COLLECTION);
    const result = await raw.updateOne({ _id: auditEventId(id, 3) as never }, { $set: { 'data.n': 42 } });
    expect(result.modifiedCount).toBe(1);
    expect(await audit.verify(id)).toEqual({ valid: false, events: 5, firstBrokenAt: 3, kind: 'edited', schemes: { unkeyed: 5, keyed: 0 } });
  });

  it('detects a field added to an event', async () => {
    const id = caseId('added');
    for (let n = 1; n <= 3; n += 1) await audit.append(id, event(n));
    await connection.db!.collection(AUDIT_EVENT_COLLECTION).updateOne({ _id: auditEventId(id, 2) as never }, { $set: { note: 'inserted later' } });
    expect(await audit.verify(id)).toMatchObject({ valid: false, firstBrokenAt: 2 });
  });

  it('serialises 20 concurrent appends into seq 1..20 with a valid chain', async () => {
    const id = caseId('race');
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append(id, event(i + 1))));
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await audit.list(id, { limit: 100 });
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(stored.map((e) => e.data['n'])).size).toBe(20);
    expect(await audit.verify(id)).toEqual({ valid: true, events: 20, schemes: { unkeyed: 20, keyed: 0 } });
  }, 30_000);

  it('keeps one chain when two processes append in turn (each one remembering a tail the other moved on)', async () => {
    const id = caseId('two');
    const other = new AuditRepository(connection);
    for (let n = 1; n <= 6; n += 1) await (n % 2 === 1 ? audit : other).append(id, event(n));
    const stored = await audit.list(id);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stored.map((e) => e.data['n'])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await audit.verify(id)).toEqual({ valid: true, events: 6, schemes: { unkeyed: 6, keyed: 0 } });
  });

  it('appends after the stored tail, not after a remembered event that was removed', async () => {
    const id = caseId('removed');
    for (let n = 1; n <= 3; n += 1) await audit.append(id, event(n));
    const removed = await connection.db!.collection(AUDIT_EVENT_COLLECTION).deleteOne({ _id: auditEventId(id, 3) as never });
    expect(removed.deletedCount).toBe(1);
    const next = await audit.append(id, event(4));
    const [, second] = await audit.list(id);
    expect(next.seq).toBe(3);
    expect(next.prevHash).toBe(second!.hash);
    expect(await audit.verify(id)).toEqual({ valid: true, events: 3, schemes: { unkeyed: 3, keyed: 0 } });
  });

  it('verifies an empty chain as valid with zero events', async () => {
    expect(await audit.verify(caseId('empty'))).toEqual({ valid: true, events: 0, schemes: { unkeyed: 0, keyed: 0 } });
  });

  it('refuses nested objects in data (ids and counters only)', async () => {
    await expect(audit.append(caseId('nested'), { ...event(1), data: { person: { name: 'x' } } as never })).rejects.toThrow(TypeError);
  });
});
