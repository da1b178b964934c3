import { randomBytes } from 'node:crypto';
import { hashToken } from '@handover/crypto';

/** Every API key token starts with this; anything else is not looked up. */
export const API_KEY_PREFIX = 'hov_';
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^hov_[A-Za-z0-9_-]{43}$/;

/** A new bearer token: `hov_` + 32 random bytes in base64url. Shown once, stored only hashed. */
export const generateApiKeyToken = (): string => API_KEY_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');

/** A new key id: not secret, recorded as the actor of what the key does. */
export const newApiKeyId = (): string => `key_${randomBytes(12).toString('base64url')}`;

/** What is stored and looked up: SHA-256 hex of the token (the token has 256 bits of entropy). */
export const hashApiKeyToken = (token: string): string => hashToken(token);

/** Cheap shape check before any database lookup. */
export const looksLikeApiKeyToken = (token: string): boolean => TOKEN_PATTERN.test(token);
