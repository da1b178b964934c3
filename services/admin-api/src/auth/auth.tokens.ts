/** Milliseconds since the epoch; replaced in tests. */
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');
export type Clock = () => number;

/** The console sessions' SecretStore (the database's in the service; in memory in unit tests). */
export const SESSION_SECRETS = Symbol('SESSION_SECRETS');
/** The OpenID sign-ins under way: their SecretStore. */
export const OIDC_LOGIN_SECRETS = Symbol('OIDC_LOGIN_SECRETS');
