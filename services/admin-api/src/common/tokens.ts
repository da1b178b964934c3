/** DI tokens: symbols, never strings. */
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const SECRETS = Symbol('SECRETS');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const LOGGER = Symbol('LOGGER');
/** The master keyring (wraps the case keys and the derivation key), parsed once. */
export const MASTER_KEYS = Symbol('MASTER_KEYS');
/** The derivation key (codec, upload, seal, blind-index keys), read from the database at start-up. */
export { DERIVATION_KEY } from '@handover/persistence';
/** One CaseKeyService (and so one key cache) for every use case. */
export const CASE_KEYS = Symbol('CASE_KEYS');
/** The process's tracing (libs/tracing), or null when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
export const TRACING = Symbol('TRACING');
