import { HttpStatus } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { OidcErrorCode } from '@handover/contracts';

const STATUS: Record<OidcErrorCode, HttpStatus> = {
  OIDC_NOT_CONFIGURED: HttpStatus.NOT_FOUND,
  OIDC_LOGIN_EXPIRED: HttpStatus.BAD_REQUEST,
  OIDC_LOGIN_FAILED: HttpStatus.UNAUTHORIZED,
  OIDC_ACCESS_DENIED: HttpStatus.FORBIDDEN,
  OIDC_ROLE_UNKNOWN: HttpStatus.FORBIDDEN,
  OIDC_TEAM_UNKNOWN: HttpStatus.FORBIDDEN,
  OIDC_DEVICE_CODE_UNKNOWN: HttpStatus.BAD_REQUEST,
  OIDC_PROVIDER_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
};

/** A refused or failed sign-in, with its status from the catalogue in docs/api.md. */
export const oidcError = (code: OidcErrorCode, message: string): AppError => new AppError(code, message, STATUS[code]);

/**
 * What the provider or openid-client said went wrong, as one of our codes: the person said no
 * (`access_denied`), the device code ran out (`expired_token`), the provider could not be reached,
 * or anything else in the answer failed a check.
 */
export function oidcFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const oauthError = (error as { error?: unknown } | null)?.error;
  if (oauthError === 'access_denied') return oidcError('OIDC_ACCESS_DENIED', 'the provider refused the sign-in');
  if (oauthError === 'expired_token') return oidcError('OIDC_DEVICE_CODE_UNKNOWN', 'the device sign-in expired: run `handover login` again');
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code;
  if (error instanceof TypeError || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    return oidcError('OIDC_PROVIDER_UNAVAILABLE', 'the OpenID provider could not be reached or answered out of protocol');
  }
  return oidcError('OIDC_LOGIN_FAILED', "the provider's answer failed the checks (state, PKCE, ID token)");
}
