import { Schema } from 'mongoose';

/**
 * api_keys: one document per API key; _id is the key id (the principal id recorded in audit
 * events). The token is stored only as its SHA-256 hex hash. Revoked keys stay (revokedAt set) so
 * that audit events keep pointing at a known key. `team` scopes the key to one team's cases;
 * `expiresAt` ends it.
 */
export interface ApiKeyDocument {
  _id: string;
  name: string;
  role: string;
  team?: string;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
  expiresAt?: Date;
}

export const API_KEY_COLLECTION = 'api_keys';

export const apiKeySchema = new Schema<ApiKeyDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true },
    team: String,
    tokenHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
    expiresAt: Date,
  },
  { collection: API_KEY_COLLECTION, versionKey: false },
);

// Serves the bearer guard's lookup of a presented token: findOne({ tokenHash }). Unique, so a hash
// can never name two keys.
apiKeySchema.index({ tokenHash: 1 }, { unique: true });
