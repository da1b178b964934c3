/** DI tokens: symbols, never strings. */
export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
export const PORTAL_LOGGER = Symbol('PORTAL_LOGGER');
export const SECRETS = Symbol('SECRETS');
export const MASTER_KEY = Symbol('MASTER_KEY');
export const TOKEN_SIGNER = Symbol('TOKEN_SIGNER');
export const CASE_KEYS = Symbol('CASE_KEYS');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
