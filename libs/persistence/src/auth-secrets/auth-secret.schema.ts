import { collectionSchema } from '../collection-schema';

/**
 * auth_secrets: what the admin API keeps behind a random id that only the browser holds (a console
 * session, an OpenID sign-in under way), shared by every admin API process. `_id` =
 * `<kind>:<SHA-256 of the id>`, so the database never holds a usable id; `owner` is the principal
 * whose revocation ends the entry (console sessions). No personal data: principal ids, roles,
 * teams, CSRF tokens, OpenID state/nonce/PKCE verifiers.
 */
export interface AuthSecretDocument {
  _id: string;
  kind: string;
  owner?: string;
  value: Record<string, unknown>;
  expiresAt: Date;
}

export const AUTH_SECRET_COLLECTION = 'auth_secrets';

export const authSecretSchema = collectionSchema<AuthSecretDocument>(
  { String: ['_id', 'kind'], Mixed: ['value'], Date: ['expiresAt'] },
  { owner: { type: String } },
  { collection: AUTH_SECRET_COLLECTION, minimize: false },
);

// Serves ending every session of a revoked key.
authSecretSchema.index({ kind: 1, owner: 1 });
// Serves the sweep of ended entries (FerretDB v1 has no TTL indexes).
authSecretSchema.index({ expiresAt: 1 });
