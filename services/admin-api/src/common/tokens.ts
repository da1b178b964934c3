/** DI tokens: symbols, never strings. */
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const SECRETS = Symbol('SECRETS');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const LOGGER = Symbol('LOGGER');
/** The master key, parsed once. */
export const MASTER_KEY = Symbol('MASTER_KEY');
/** One CaseKeyService (and so one key cache) for every use case. */
export const CASE_KEYS = Symbol('CASE_KEYS');
/** The process's tracing (libs/tracing), or null when OTEL_EXPORTER_OTLP_ENDPOINT is unset. */
export const TRACING = Symbol('TRACING');
