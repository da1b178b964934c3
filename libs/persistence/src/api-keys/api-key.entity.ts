/**
 * An API key as the application sees it. The token itself is never stored or returned after
 * creation: only its SHA-256 hash, which the bearer guard looks up.
 */
export interface ApiKeyEntity {
  id: string;
  name: string;
  /** One of the admin API's roles; validated by the API, opaque here. */
  role: string;
  /** The team whose cases the key reaches (absent: admin keys without one, and keys from before teams). */
  team?: string;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
  /** After this instant the key authenticates no more. */
  expiresAt?: Date;
}

/** What listings show: everything except the hash. */
export type ApiKeySummary = Omit<ApiKeyEntity, 'tokenHash'>;
