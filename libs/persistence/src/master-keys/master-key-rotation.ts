import type { Connection } from 'mongoose';
import { MasterKey, type MasterKeyring } from '@handover/crypto';
import { CASE_KEY_COLLECTION } from '../case-keys/case-key.schema';
import { caseKeyAad } from '../case-keys/case-key.service';
import { DERIVATION_KEY_AAD, DERIVATION_KEY_COLLECTION } from './derivation-key.schema';

/** How many wrapped keys a master key id still wraps. */
export interface MasterKeyUse {
  keyId: string;
  active: boolean;
  wrappedKeys: number;
  /** Nothing is wrapped under it any more: it can leave the keyring. */
  removable: boolean;
}

export interface MasterKeyUsage {
  activeKeyId: string;
  keys: MasterKeyUse[];
  /** Ids that wrapped keys name but the keyring lacks (their keys cannot be opened). */
  unknown: Array<{ keyId: string; wrappedKeys: number }>;
}

export interface MasterKeyRotationCounts {
  activeKeyId: string;
  /** Wrapped keys looked at (case keys, hold keys, the derivation key). */
  examined: number;
  /** Re-wrapped under the active key by this run. */
  rewrapped: number;
  /** Already under the active key (a run before, or created since). */
  alreadyActive: number;
  /** Shredded or re-wrapped by someone else between read and write (left as they are). */
  changedMeanwhile: number;
  /** Could not be opened (an id missing from the keyring, or a failed authentication). */
  failed: number;
}

/** The collections whose documents hold a key wrapped by a master key, and the AAD of each. */
const WRAPPED_KEYS = [
  { collection: CASE_KEY_COLLECTION, aad: caseKeyAad },
  { collection: DERIVATION_KEY_COLLECTION, aad: () => DERIVATION_KEY_AAD },
] as const;

interface WrappedDoc {
  _id: string;
  wrapped: string;
}

/**
 * Master-key rotation (issue 15, "Keys"): every per-case data key (and hold key) and the derivation
 * key re-wrapped under the active master key, in batches of `_id` order while cases run. Each write
 * is conditional on the wrapped value read, so a key shredded or re-wrapped meanwhile is left alone;
 * a second run finds nothing to do (idempotent) and an interrupted one resumes by running again.
 * The data keys themselves do not change: ciphertexts and key caches stay valid.
 */
export class MasterKeyRotation {
  constructor(
    private readonly connection: Connection,
    private readonly keyring: MasterKeyring,
  ) {}

  async usage(): Promise<MasterKeyUsage> {
    const counts = new Map<string, number>(this.keyring.keyIds.map((id) => [id, 0]));
    const unknown = new Map<string, number>();
    for (const { collection } of WRAPPED_KEYS) {
      for await (const batch of this.batches(collection)) {
        for (const doc of batch) {
          const named = MasterKey.keyIdOf(doc.wrapped) ?? 'malformed';
          const key = this.keyring.find(named);
          if (key) counts.set(key.keyId, (counts.get(key.keyId) ?? 0) + 1);
          else unknown.set(named, (unknown.get(named) ?? 0) + 1);
        }
      }
    }
    const activeKeyId = this.keyring.active.keyId;
    return {
      activeKeyId,
      keys: [...counts].map(([keyId, wrappedKeys]) => ({ keyId, active: keyId === activeKeyId, wrappedKeys, removable: keyId !== activeKeyId && wrappedKeys === 0 })),
      unknown: [...unknown].map(([keyId, wrappedKeys]) => ({ keyId, wrappedKeys })),
    };
  }

  async rotate(batchSize = 200): Promise<MasterKeyRotationCounts> {
    const counts: MasterKeyRotationCounts = { activeKeyId: this.keyring.active.keyId, examined: 0, rewrapped: 0, alreadyActive: 0, changedMeanwhile: 0, failed: 0 };
    for (const { collection, aad } of WRAPPED_KEYS) {
      for await (const batch of this.batches(collection, batchSize)) {
        for (const doc of batch) {
          counts.examined++;
          if (this.keyring.isActive(doc.wrapped)) {
            counts.alreadyActive++;
            continue;
          }
          let rewrapped: string;
          try {
            rewrapped = this.keyring.wrap(this.keyring.unwrap(doc.wrapped, aad(doc._id)), aad(doc._id));
          } catch {
            counts.failed++;
            continue;
          }
          const result = await this.connection.collection(collection).updateOne({ _id: doc._id, wrapped: doc.wrapped } as never, { $set: { wrapped: rewrapped } });
          if (result.matchedCount === 1) counts.rewrapped++;
          else counts.changedMeanwhile++;
        }
      }
    }
    return counts;
  }

  /** The documents of a collection in `_id` order, a page at a time (keyset: `_id` after the last one read). */
  private async *batches(collection: string, size = 500): AsyncGenerator<WrappedDoc[]> {
    let after: string | undefined;
    for (;;) {
      const batch = (await this.connection
        .collection(collection)
        .find(after === undefined ? {} : ({ _id: { $gt: after } } as never), { projection: { _id: 1, wrapped: 1 } })
        .sort({ _id: 1 })
        .limit(size)
        .toArray()) as unknown as WrappedDoc[];
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1]?._id;
      if (batch.length < size) return;
    }
  }
}
