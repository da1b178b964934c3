import { collectionSchema } from '../collection-schema';

/**
 * recipient_keys: the key pair generated for a case whose recipient gave no public key, `_id` =
 * case id. The private half is sealed under the master key (sealRecipientPrivateKey) and unset once
 * fetched. Written by the package activity (insert) and by the one winning fetch (unset).
 */
export interface RecipientKeyDocument {
  _id: string;
  publicKey: string;
  fingerprint: string;
  privateKeySealed?: string;
  createdAt: Date;
  fetchedAt?: Date;
}

/**
 * recipient_key_fetches: the claim of the single fetch of a generated private key, `_id` = case id
 * (a unique insert, not a conditional update: two concurrent fetches cannot both win). Who and when.
 */
export interface RecipientKeyFetchDocument {
  _id: string;
  by: string;
  at: Date;
}

export const RECIPIENT_KEY_COLLECTION = 'recipient_keys';
export const RECIPIENT_KEY_FETCH_COLLECTION = 'recipient_key_fetches';

export const recipientKeySchema = collectionSchema<RecipientKeyDocument>(
  { String: ['_id', 'publicKey', 'fingerprint'], Date: ['createdAt'] },
  { privateKeySealed: String, fetchedAt: Date },
  { collection: RECIPIENT_KEY_COLLECTION },
);
// Reads by `_id` (the case id) only.

export const recipientKeyFetchSchema = collectionSchema<RecipientKeyFetchDocument>(
  { String: ['_id', 'by'], Date: ['at'] },
  {},
  { collection: RECIPIENT_KEY_FETCH_COLLECTION },
);
// `_id` only: the unique claim.
