import { collectionSchema } from '../collection-schema';

/**
 * derivation_keys: the one derivation key of the installation (_id `current`), wrapped under a master
 * key (AAD `derivation-key`). The codec, link-token, CSRF, blind-index, upload and seal keys derive
 * from it, so they stay the same when the master key rotates; a rotation re-wraps it. `keyId` is its
 * fingerprint (an installation from before the keyring: the fingerprint of its first master key,
 * whose bytes it is). Looked up by _id only.
 */
export interface DerivationKeyDocument {
  _id: string;
  keyId: string;
  wrapped: string;
  createdAt: Date;
}

export const DERIVATION_KEY_COLLECTION = 'derivation_keys';
export const DERIVATION_KEY_ID = 'current';
export const DERIVATION_KEY_AAD = 'derivation-key';

export const derivationKeySchema = collectionSchema<DerivationKeyDocument>(
  { String: ['_id', 'keyId', 'wrapped'], Date: ['createdAt'] },
  {},
  { collection: DERIVATION_KEY_COLLECTION },
);
