/** DI tokens: symbols, never strings. */
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const SECRETS = Symbol('SECRETS');
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const LOGGER = Symbol('LOGGER');
