/** DI tokens: symbols, never strings. */
export const PORTAL_CONFIG = Symbol('PORTAL_CONFIG');
export const PORTAL_LOGGER = Symbol('PORTAL_LOGGER');
export const SECRETS = Symbol('SECRETS');
export const MASTER_KEY = Symbol('MASTER_KEY');
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const TOKEN_SIGNER = Symbol('TOKEN_SIGNER');
export const CASE_KEYS = Symbol('CASE_KEYS');
export const CASE_REPOSITORY = Symbol('CASE_REPOSITORY');
export const ANSWER_REPOSITORY = Symbol('ANSWER_REPOSITORY');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
