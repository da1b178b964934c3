import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { AuthSecretRepository, secretDigest, type SecretStore } from './auth-secret.repository';

interface Value {
  principal: { id: string };
  csrf: string;
}

/**
 * The admin API's secret stores (console sessions, OpenID sign-ins under way) against the real
 * MongoDB-compatible server, as two replicas see them: two connections, two repositories. What one
 * adds the other finds, ends or takes; the database holds only the ids' digests.
 */
describe('AuthSecretRepository on the real database: what one admin API replica keeps, another finds', () => {
  const uri = mongoUriFor('handover_it_auth_secrets');
  let first: Connection;
  let second: Connection;
  let a: SecretStore<Value>;
  let b: SecretStore<Value>;
  let repository: AuthSecretRepository;

  beforeAll(async () => {
    [first, second] = await Promise.all([connectMongo(uri), connectMongo(uri)]);
    repository = new AuthSecretRepository(first, 0);
    await repository.ensureIndexes();
    a = repository.store<Value>('console-session');
    b = new AuthSecretRepository(second).store<Value>('console-session');
  });

  afterAll(async () => {
    await first?.dropDatabase().catch(() => undefined);
    await Promise.all([first?.close(), second?.close()]);
  });

  it('finds on one replica the entry added on the other, keeping only the digest of its id', async () => {
    const now = Date.now();
    const id = await a.add({ principal: { id: 'key_1' }, csrf: 'c1' }, now + 60_000, 'key_1');
    expect(await b.get(id, now)).toEqual({ value: { principal: { id: 'key_1' }, csrf: 'c1' }, expiresAt: now + 60_000 });
    const stored = await first.db!.collection('auth_secrets').find({}).toArray();
    expect(stored.map((doc) => doc['_id'])).toContain(`console-session:${secretDigest(id)}`);
    expect(JSON.stringify(stored)).not.toContain(id);
    // Another kind with the same id finds nothing.
    expect(await repository.store<Value>('oidc-login').get(id, now)).toBeNull();
  });

  it('moves the end on, ends, takes once and ends every entry of an owner across replicas', async () => {
    const now = Date.now();
    const moved = await a.add({ principal: { id: 'key_2' }, csrf: 'c2' }, now + 1_000, 'key_2');
    await b.update(moved, { principal: { id: 'key_2' }, csrf: 'c2' }, now + 120_000);
    expect((await a.get(moved, now + 60_000))?.expiresAt).toBe(now + 120_000);
    expect(await a.get(moved, now + 120_000)).toBeNull();

    const ended = await a.add({ principal: { id: 'key_3' }, csrf: 'c3' }, now + 60_000);
    await b.delete(ended);
    expect(await a.get(ended, now)).toBeNull();

    const once = await a.add({ principal: { id: 'key_4' }, csrf: 'c4' }, now + 60_000);
    const taken = await Promise.all([a.take(once, now), b.take(once, now)]);
    expect(taken.filter((entry) => entry !== null)).toHaveLength(1);

    const revoked = await Promise.all([a.add({ principal: { id: 'key_5' }, csrf: 'x' }, now + 60_000, 'key_5'), b.add({ principal: { id: 'key_5' }, csrf: 'y' }, now + 60_000, 'key_5')]);
    const kept = await a.add({ principal: { id: 'key_6' }, csrf: 'z' }, now + 60_000, 'key_6');
    await b.deleteOwnedBy('key_5');
    expect(await Promise.all(revoked.map((id) => a.get(id, now)))).toEqual([null, null]);
    expect(await a.get(kept, now)).not.toBeNull();
  });

  it('sweeps ended entries when an entry is added', async () => {
    const now = Date.now();
    await a.add({ principal: { id: 'key_7' }, csrf: 'old' }, now - 1_000);
    await a.add({ principal: { id: 'key_8' }, csrf: 'new' }, now + 60_000);
    const left = await first.db!.collection('auth_secrets').countDocuments({ expiresAt: { $lte: new Date(now) } });
    expect(left).toBe(0);
  });
});
