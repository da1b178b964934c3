import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { AdminApiConfig } from '@handover/config';
import { TeamRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { ADMIN_CONFIG, LOGGER } from '../common/tokens';
import type { Principal } from '../auth/roles';
import { oidcPrincipalId, principalFromClaims } from './oidc-claims';
import { oidcError, oidcFailure } from './oidc-errors';
import type { PendingLogin } from './pending-logins';

type TokenResponse = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

/**
 * This API as an OpenID Connect relying party (openid-client): discovery (cached, retried after a
 * failure), the authorization code flow with PKCE, state and nonce for browsers, the device flow
 * for the CLI, and the mapping of a verified ID token's claims (completed by the userinfo endpoint
 * when the ID token lacks them) to a principal. The token check is openid-client's, never ours.
 */
@Injectable()
export class OidcRelyingParty {
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
    private readonly teams: TeamRepository,
    @Inject(LOGGER) private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  get enabled(): boolean {
    return this.config.OIDC_ISSUER !== undefined;
  }

  /** The provider's authorization URL for a new browser sign-in, and what the callback checks. */
  async beginLogin(): Promise<{ url: URL; login: Omit<PendingLogin, 'expiresAt'> }> {
    const configuration = await this.configuration();
    const login = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl(),
      scope: this.config.OIDC_SCOPES,
      state: login.state,
      nonce: login.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, login };
  }

  /** The provider sent the browser back: exchange the code, verify the ID token, map its claims. */
  async completeLogin(callbackUrl: URL, login: PendingLogin): Promise<Principal> {
    const configuration = await this.configuration();
    let tokens: TokenResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      this.logger.warn({ err: (error as Error).name, code: (error as { code?: unknown }).code }, 'OpenID sign-in refused');
      throw oidcFailure(error);
    }
    return this.principalOf(configuration, tokens);
  }

  /** Starts a device authorization at the provider (the CLI's sign-in). */
  async beginDevice(): Promise<oidc.DeviceAuthorizationResponse> {
    const configuration = await this.configuration();
    try {
      return await oidc.initiateDeviceAuthorization(configuration, { scope: this.config.OIDC_SCOPES });
    } catch (error) {
      throw oidcFailure(error);
    }
  }

  /** Polls the provider (at the interval it asks for) until the person approved, refused, or the code expired. */
  async completeDevice(device: oidc.DeviceAuthorizationResponse, signal: AbortSignal): Promise<Principal> {
    const configuration = await this.configuration();
    let tokens: TokenResponse;
    try {
      tokens = await oidc.pollDeviceAuthorizationGrant(configuration, device, undefined, { signal });
    } catch (error) {
      throw oidcFailure(error);
    }
    return this.principalOf(configuration, tokens);
  }

  private async principalOf(configuration: oidc.Configuration, tokens: TokenResponse): Promise<Principal> {
    const idToken = tokens.claims();
    if (!idToken) throw oidcError('OIDC_LOGIN_FAILED', 'the provider sent no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    const names = { role: this.config.OIDC_ROLE_CLAIM, team: this.config.OIDC_TEAM_CLAIM };
    if (claims[names.role] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        claims = { ...userinfo, ...claims };
      } catch (error) {
        throw oidcFailure(error);
      }
    }
    const mapped = principalFromClaims(oidcPrincipalId(idToken.iss, idToken.sub), claims, names, await this.teams.list());
    if ('refused' in mapped) throw oidcError(mapped.refused, mapped.message);
    return mapped.principal;
  }

  private redirectUrl(): string {
    const url = this.config.OIDC_REDIRECT_URL;
    if (!url) throw oidcError('OIDC_NOT_CONFIGURED', 'OpenID Connect sign-in is not configured (OIDC_ISSUER)');
    return url;
  }

  private configuration(): Promise<oidc.Configuration> {
    const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = this.config;
    if (!issuer || !clientId) return Promise.reject(oidcError('OIDC_NOT_CONFIGURED', 'OpenID Connect sign-in is not configured (OIDC_ISSUER)'));
    if (!this.discovered) {
      const server = new URL(issuer);
      // Plain http only for a loopback issuer (the config schema refuses any other).
      const execute = server.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
      const auth = secret ? oidc.ClientSecretPost(secret) : oidc.None();
      this.discovered = oidc.discovery(server, clientId, secret, auth, { execute }).catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.warn({ err: (error as Error).name }, 'OpenID provider discovery failed');
        throw oidcError('OIDC_PROVIDER_UNAVAILABLE', 'the OpenID provider could not be reached');
      });
    }
    return this.discovered;
  }
}
