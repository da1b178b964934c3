import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { MasterKey, MasterKeyring } from '@handover/crypto';
import { mongoUriFor } from '@handover/testing';
import { CASE_KEY_COLLECTION } from '../case-keys/case-key.schema';
import { CaseKeyService } from '../case-keys/case-key.service';
import { DERIVATION_KEY_COLLECTION } from './derivation-key.schema';
import { connectMongo } from '../mongo-connection';
import { DerivationKeyMissingError, DerivationKeyStore } from './derivation-key.store';
import { MasterKeyRotation } from './master-key-rotation';

/**
 * The derivation key and the rotation against the real MongoDB-compatible server, in a database of
 * their own whose two collections each test empties first (nothing drops a database at run time:
 * docs/architecture.md).
 */
describe('master keys on the real database', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  let connection: Connection;
  const emptyKeyCollections = async (): Promise<Connection> => {
    await connection.collection(CASE_KEY_COLLECTION).deleteMany({});
    await connection.collection(DERIVATION_KEY_COLLECTION).deleteMany({});
    return connection;
  };

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_master_keys_it'));
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('makes the derivation key of an installation of old its single master key, so every derived key stays the same', async () => {
    await emptyKeyCollections();
    const single = MasterKeyring.from({ single: k1 });
    // The three services start together: they converge on one key.
    const [a, b] = await Promise.all([new DerivationKeyStore(connection, single).load(), new DerivationKeyStore(connection, single).load()]);
    const legacy = MasterKey.fromBase64(k1);
    expect(a!.keyId).toBe(legacy.fingerprint);
    expect(b!.toBase64()).toBe(a!.toBase64());
    expect(a!.deriveKey('portal-tokens').equals(legacy.deriveKey('portal-tokens'))).toBe(true);
    // Under a keyring whose old key has an id of its own, the same derivation key.
    const ring = MasterKeyring.from({ active: 'k2', keys: { k1, k2 } });
    expect((await new DerivationKeyStore(connection, ring).load()).toBase64()).toBe(a!.toBase64());
  });

  it('gives a new keyring installation a random derivation key', async () => {
    const ring = MasterKeyring.from({ active: 'k1', keys: { k1 } });
    const fresh = await new DerivationKeyStore(await emptyKeyCollections(), ring).load();
    expect(fresh.keyId).not.toBe(MasterKey.fromBase64(k1).fingerprint);
  });

  it('makes it from the single key of old when an installation of old moves straight to a keyring that holds that key', async () => {
    await emptyKeyCollections();
    await new CaseKeyService(connection, MasterKeyring.from({ single: k1 })).ensure('cs_old');
    const withoutOld = MasterKeyring.from({ active: 'k2', keys: { k2 } });
    await expect(new DerivationKeyStore(connection, withoutOld).load()).rejects.toThrow(DerivationKeyMissingError);
    await expect(new DerivationKeyStore(connection, withoutOld).load()).rejects.toThrow(new RegExp(`wrapped under master key ${MasterKey.fromBase64(k1).fingerprint}, which is not`));
    const withOld = MasterKeyring.from({ active: 'k2', keys: { old: k1, k2 } });
    expect((await new DerivationKeyStore(connection, withOld).load()).toBase64()).toBe(k1);
  });

  it('re-wraps every case key and the derivation key under the active key, once, and the old key can go', async () => {
    await emptyKeyCollections();
    const before = MasterKeyring.from({ single: k1 });
    const derivation = await new DerivationKeyStore(connection, before).load();
    const ciphertexts = new Map<string, string>();
    for (const caseId of ['cs_a', 'cs_b', 'cs_c']) {
      ciphertexts.set(caseId, (await new CaseKeyService(connection, before).ensure(caseId)).encrypt(`secret of ${caseId}`, caseId));
    }
    const oldId = before.active.keyId;

    const added = MasterKeyring.from({ active: 'k2', keys: { k1, k2 } });
    const rotation = new MasterKeyRotation(connection, added);
    expect(await rotation.usage()).toEqual({
      activeKeyId: 'k2',
      keys: [{ keyId: 'k1', active: false, wrappedKeys: 4, removable: false }, { keyId: 'k2', active: true, wrappedKeys: 0, removable: false }],
      unknown: [],
    });
    // A key created after the restart is wrapped under k2 already.
    await new CaseKeyService(connection, added).ensure('cs_d');
    expect(await rotation.rotate(2)).toEqual({ activeKeyId: 'k2', examined: 5, rewrapped: 4, alreadyActive: 1, changedMeanwhile: 0, failed: 0 });
    expect(await rotation.rotate(2)).toMatchObject({ rewrapped: 0, alreadyActive: 5, failed: 0 });
    expect((await rotation.usage()).keys).toEqual([
      { keyId: 'k1', active: false, wrappedKeys: 0, removable: true },
      { keyId: 'k2', active: true, wrappedKeys: 5, removable: false },
    ]);

    // Without the old key: the case keys open, what they encrypted reads, the derivation key is the same.
    const after = MasterKeyring.from({ active: 'k2', keys: { k2 } });
    for (const [caseId, ciphertext] of ciphertexts) expect((await new CaseKeyService(connection, after).require(caseId)).decrypt(ciphertext, caseId)).toBe(`secret of ${caseId}`);
    expect((await new DerivationKeyStore(connection, after).load()).toBase64()).toBe(derivation.toBase64());
    expect(oldId).toBe(MasterKey.fromBase64(k1).fingerprint);
  });

  it('names a wrapped key no configured master key opens, counts it as failed and leaves it as it is', async () => {
    await emptyKeyCollections();
    await new CaseKeyService(connection, MasterKeyring.from({ active: 'k0', keys: { k0: k1 } })).ensure('cs_lost');
    const ring = MasterKeyring.from({ active: 'k2', keys: { k2 } });
    await expect(new CaseKeyService(connection, ring).require('cs_lost')).rejects.toThrow(/Master key k0 is not in the keyring \(configured: k2\)/);
    const rotation = new MasterKeyRotation(connection, ring);
    expect(await rotation.rotate()).toMatchObject({ examined: 1, rewrapped: 0, failed: 1 });
    expect((await rotation.usage()).unknown).toEqual([{ keyId: 'k0', wrappedKeys: 1 }]);
  });
});
