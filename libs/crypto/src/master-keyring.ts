import { CryptoError } from './errors';
import { MasterKey } from './master-key';

/**
 * Where the master keys come from (libs/config's `Secrets.masterKeys`): one key (HANDOVER_MASTER_KEY
 * or master.key; its id is its fingerprint, the id its wrapped keys already carry), or a keyring
 * (HANDOVER_MASTER_KEYS or master-keys.json) of base64 keys by id with the active one named.
 */
export type MasterKeySource = { single: string } | { active: string; keys: Readonly<Record<string, string>> };

/**
 * The master keys (KEKs) of an installation, by id: the active one wraps new data keys; any one
 * unwraps what it wrapped (chosen by the id the wrapped string carries, or by the fingerprint for
 * keys wrapped before keys had ids). Errors name key ids, never key material.
 */
export class MasterKeyring {
  readonly #keys: ReadonlyMap<string, MasterKey>;

  private constructor(
    keys: readonly MasterKey[],
    readonly active: MasterKey,
    /** True for the one-key set-up of old (HANDOVER_MASTER_KEY / master.key). */
    readonly single: boolean,
  ) {
    this.#keys = new Map(keys.map((key) => [key.keyId, key]));
  }

  static from(source: MasterKeySource): MasterKeyring {
    if ('single' in source) {
      const key = MasterKey.fromBase64(source.single);
      return new MasterKeyring([key], key, true);
    }
    const keys = Object.entries(source.keys).map(([id, encoded]) => MasterKey.fromBase64(encoded, id));
    const active = keys.find((key) => key.keyId === source.active);
    if (!active) throw new CryptoError(`The active master key ${source.active} is not in the keyring`, 'unknown-key');
    return new MasterKeyring(keys, active, false);
  }

  /** The ids of the keys, the active one included. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** The key with this id (or, for keys wrapped before ids, this fingerprint), or undefined. */
  find(keyId: string): MasterKey | undefined {
    return this.#keys.get(keyId) ?? [...this.#keys.values()].find((key) => key.fingerprint === keyId);
  }

  /** The key with this id; a {@link CryptoError} `unknown-key` naming the id when the keyring has none. */
  require(keyId: string): MasterKey {
    const key = this.find(keyId);
    if (!key) {
      throw new CryptoError(`Master key ${keyId} is not in the keyring (configured: ${this.keyIds.join(', ')})`, 'unknown-key');
    }
    return key;
  }

  /** Wraps under the active key. */
  wrap(dataKey: Buffer, aad: string): string {
    return this.active.wrap(dataKey, aad);
  }

  /** Unwraps with the key the wrapped string names. */
  unwrap(wrapped: string, aad: string): Buffer {
    const keyId = MasterKey.keyIdOf(wrapped);
    if (keyId === null) throw new CryptoError('Wrapped data key is malformed (expected mk1.<keyId>.<iv>.<data>)', 'malformed');
    return this.require(keyId).unwrap(wrapped, aad);
  }

  /** True when the active key wrapped this string (a rotation leaves it as it is). */
  isActive(wrapped: string): boolean {
    const keyId = MasterKey.keyIdOf(wrapped);
    return keyId !== null && this.find(keyId) === this.active;
  }

  toJSON(): { active: string; keyIds: string[] } {
    return { active: this.active.keyId, keyIds: this.keyIds };
  }
}
