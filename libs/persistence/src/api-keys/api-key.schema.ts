import { collectionSchema } from '../collection-schema';
import type { ApiKeyEntity } from './api-key.entity';

/**
 * api_keys: one document per API key; _id is the key id (the principal id recorded in audit
 * events). The token is stored only as its SHA-256 hex hash. Revoked keys stay (revokedAt set) so
 * that audit events keep pointing at a known key. `team` scopes the key to one team's cases;
 * `expiresAt` ends it.
 */
export type ApiKeyDocument = Omit<ApiKeyEntity, 'id'> & { _id: string };

export const API_KEY_COLLECTION = 'api_keys';

export const apiKeySchema = collectionSchema<ApiKeyDocument>(
  { String: ['_id', 'name', 'role', 'tokenHash'], Date: ['createdAt'] },
  { team: String, lastUsedAt: Date, revokedAt: Date, expiresAt: Date },
  { collection: API_KEY_COLLECTION },
);

// Serves the bearer guard's lookup of a presented token: findOne({ tokenHash }). Unique, so a hash
// can never name two keys.
apiKeySchema.index({ tokenHash: 1 }, { unique: true });
