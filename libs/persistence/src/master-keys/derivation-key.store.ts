import type { Connection, Model } from 'mongoose';
import { MasterKey, type MasterKeyring } from '@handover/crypto';
import { CASE_KEY_COLLECTION } from '../case-keys/case-key.schema';
import { DERIVATION_KEY_AAD, DERIVATION_KEY_COLLECTION, DERIVATION_KEY_ID, derivationKeySchema, type DerivationKeyDocument } from './derivation-key.schema';

const DUPLICATE_KEY = 11000;

/** The derivation key is missing while the database holds case keys, and the keyring cannot say which bytes it had. */
export class DerivationKeyMissingError extends Error {
  override readonly name = 'DerivationKeyMissingError';
  readonly code = 'DERIVATION_KEY_MISSING';
  constructor() {
    super(
      'derivation_keys holds no derivation key but case keys exist: start once with the single master key of old ' +
        '(HANDOVER_MASTER_KEY or secrets/master.key) so that it is stored, then move to HANDOVER_MASTER_KEYS',
    );
  }
}

/**
 * Loads the derivation key, creating it on the first start of an installation: the bytes of the
 * single master key of old when the keyring is that key (so every key derived before stays the
 * same: links, blind indexes, codec payloads, sealed recipient keys), else random bytes. Every
 * process of the installation converges on the one stored first.
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
    let secret: MasterKey;
    if (this.keyring.single) {
      secret = MasterKey.fromBase64(this.keyring.active.toBase64());
    } else {
      if (await this.connection.collection(CASE_KEY_COLLECTION).findOne({}, { projection: { _id: 1 } })) throw new DerivationKeyMissingError();
      secret = MasterKey.generate();
    }
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

  private async read(): Promise<MasterKey | null> {
    const doc = await this.model.findById(DERIVATION_KEY_ID).lean<DerivationKeyDocument>().exec();
    return doc ? MasterKey.fromBuffer(this.keyring.unwrap(doc.wrapped, DERIVATION_KEY_AAD)) : null;
  }
}
