import { collectionSchema } from '../collection-schema';

/**
 * case_keys: the per-case data key, wrapped by the master key (AAD = case id). Deleting the
 * document crypto-shreds every field encrypted under it. _id is the case id: one key per case,
 * looked up by _id only (the one lookup FerretDB's SQLite backend indexes).
 */
export interface CaseKeyDocument {
  _id: string;
  keyId: string;
  wrapped: string;
  createdAt: Date;
}

export const CASE_KEY_COLLECTION = 'case_keys';

export const caseKeySchema = collectionSchema<CaseKeyDocument>(
  { String: ['_id', 'keyId', 'wrapped'], Date: ['createdAt'] },
  {},
  { collection: CASE_KEY_COLLECTION },
);
