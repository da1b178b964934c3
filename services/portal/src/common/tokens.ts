/** DI tokens: symbols, never strings. */
export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
export const PORTAL_LOGGER = Symbol('PORTAL_LOGGER');
export const SECRETS = Symbol('SECRETS');
/** The master keyring (wraps the case keys and the derivation key), parsed once. */
export const MASTER_KEYS = Symbol('MASTER_KEYS');
/** The derivation key (link-token, CSRF, codec keys), read from the database at start-up. */
export { DERIVATION_KEY } from '@handover/persistence';
export const TOKEN_SIGNER = Symbol('TOKEN_SIGNER');
export const CASE_KEYS = Symbol('CASE_KEYS');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
