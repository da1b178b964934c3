import type { Connection, Model } from 'mongoose';
import { MasterKey, type MasterKeyring } from '@handover/crypto';
import { CASE_KEY_COLLECTION } from '../case-keys/case-key.schema';
import { DERIVATION_KEY_AAD, DERIVATION_KEY_COLLECTION, DERIVATION_KEY_ID, derivationKeySchema, type DerivationKeyDocument } from './derivation-key.schema';

const DUPLICATE_KEY = 11000;

/** The derivation key is missing while the database holds case keys, and the keyring lacks the single master key of old that wrapped them. */
export class DerivationKeyMissingError extends Error {
  override readonly name = 'DerivationKeyMissingError';
  readonly code = 'DERIVATION_KEY_MISSING';
  constructor(keyId: string) {
    super(
      `derivation_keys holds no derivation key but case keys exist, wrapped under master key ${keyId}, which is not the ` +
        'single master key of old in this keyring: put that key in HANDOVER_MASTER_KEYS (any id), or start once with it alone',
    );
  }
}

/**
 * Loads the derivation key, creating it on the first start of an installation: the bytes of the
 * single master key of old when the keyring is that key, or when the database holds case keys it
 * wrapped (named by its fingerprint) and the keyring has it under any id — so every key derived
 * before stays the same: links, blind indexes, codec payloads, sealed recipient keys. A new
 * installation under a keyring gets random bytes. Every process converges on the one stored first.
 */
export class DerivationKeyStore {
  private readonly model: Model<DerivationKeyDocument>;

  constructor(
    private readonly connection: Connection,
    private readonly keyring: MasterKeyring,
  ) {
    this.model = connection.models[DERIVATION_KEY_COLLECTION] ?? connection.model<DerivationKeyDocument>(DERIVATION_KEY_COLLECTION, derivationKeySchema);
  }

  async load(): Promise<MasterKey> {
    const stored = await this.read();
    if (stored) return stored;
    const legacy = this.keyring.single ? this.keyring.active : await this.legacyKeyOfCaseKeys();
    const secret = legacy === null ? MasterKey.generate() : MasterKey.fromBase64(legacy.toBase64());
    try {
      await this.model.collection.insertOne({
        _id: DERIVATION_KEY_ID,
        keyId: secret.keyId,
        wrapped: this.keyring.wrap(Buffer.from(secret.toBase64(), 'base64'), DERIVATION_KEY_AAD),
        createdAt: new Date(),
      } as never);
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const created = await this.read();
    if (!created) throw new Error('the derivation key vanished while being created');
    return created;
  }

  /** The single master key of old that wrapped the existing case keys; null when there are none; throws when the keyring lacks it. */
  private async legacyKeyOfCaseKeys(): Promise<MasterKey | null> {
    const first = await this.connection.collection(CASE_KEY_COLLECTION).findOne({}, { projection: { wrapped: 1 } });
    if (!first) return null;
    const named = MasterKey.keyIdOf(String(first['wrapped'])) ?? 'malformed';
    const key = this.keyring.find(named);
    if (!key || key.fingerprint !== named) throw new DerivationKeyMissingError(named);
    return key;
  }

  private async read(): Promise<MasterKey | null> {
    const doc = await this.model.findById(DERIVATION_KEY_ID).lean<DerivationKeyDocument>().exec();
    return doc ? MasterKey.fromBuffer(this.keyring.unwrap(doc.wrapped, DERIVATION_KEY_AAD)) : null;
  }
}
