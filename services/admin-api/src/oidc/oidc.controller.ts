import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicApiDoc } from '../common/api-doc.decorator';
import type { Request, Response } from 'express';
import type { AdminApiConfig } from '@handover/config';
import { GLOBAL_AUDIT_SCOPE } from '@handover/persistence';
import { AppError } from '@handover/http';
import { AuditService } from '../audit/audit.service';
import { Public } from '../auth/roles';
import { sessionCookie } from '../auth/session-cookie';
import { SessionStore } from '../auth/session-store';
import { ADMIN_CONFIG } from '../common/tokens';
import { clearedPendingLoginCookie, pendingLoginCookie, pendingLoginIdOf } from './oidc-cookie';
import { oidcError, oidcFailure } from './oidc-errors';
import { OidcRelyingParty } from './oidc-relying-party';
import { SignInMethodsDto } from './oidc.dto';
import { PendingLogins } from './pending-logins';

/**
 * People sign in to the console through the organisation's OpenID provider (docs/console.md):
 * /auth/login sends the browser there (authorization code + PKCE, state and nonce kept here),
 * /auth/callback checks the answer and opens the same session a token sign-in opens
 * (HttpOnly cookie, CSRF token), with role and team from the configured claims.
 */
@ApiTags('session')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly relyingParty: OidcRelyingParty,
    private readonly pending: PendingLogins,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  @Public()
  @Get('methods')
  @PublicApiDoc('How people can sign in here (the console shows its buttons from this)', {
    ok: { type: SignInMethodsDto },
    badRequest: 'a repeated or operator query parameter (refused on every route)',
  })
  methods(): SignInMethodsDto {
    return { token: true, oidc: this.relyingParty.enabled };
  }

  @Public()
  @Get('login')
  @PublicApiDoc("Start a browser sign-in: a redirect to the OpenID provider's authorization endpoint", {
    found: "Location: the provider's authorization URL (code flow, PKCE S256, state, nonce); Set-Cookie: handover_oidc=…; Path=/auth/callback; HttpOnly; SameSite=Lax",
    notFound: 'OIDC_NOT_CONFIGURED: OIDC_ISSUER is not set',
    badGateway: 'OIDC_PROVIDER_UNAVAILABLE: the discovery document could not be read',
  })
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { url, login } = await this.relyingParty.beginLogin();
    response.setHeader('Set-Cookie', pendingLoginCookie(request, await this.pending.begin(login)));
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.FOUND, url.href);
  }

  @Public()
  @Get('callback')
  @PublicApiDoc('Where the provider sends the browser back: checks the answer, opens the console session, redirects to the console', {
    found: 'Location: the console (OIDC_POST_LOGIN_PATH); Set-Cookie: handover_session=…; HttpOnly; SameSite=Strict. A browser refused is sent to the console with `?signInError=<code>`',
    badRequest: 'OIDC_LOGIN_EXPIRED: no sign-in under way in this browser, or it took more than 10 minutes',
    unauthorized: "OIDC_LOGIN_FAILED: the provider's answer failed a check (state, PKCE, ID token signature, issuer, audience, nonce)",
    forbidden: 'OIDC_ACCESS_DENIED, OIDC_ROLE_UNKNOWN (the role claim names no role), OIDC_TEAM_UNKNOWN (the team claim names no team)',
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const pendingId = pendingLoginIdOf(request);
    const login = pendingId ? await this.pending.take(pendingId) : null;
    response.setHeader('Cache-Control', 'no-store');
    const cookies = [clearedPendingLoginCookie(request)];
    try {
      if (!login) throw oidcError('OIDC_LOGIN_EXPIRED', 'no sign-in under way in this browser: start again at /auth/login');
      const callbackUrl = new URL(this.config.OIDC_REDIRECT_URL ?? '');
      callbackUrl.search = new URL(request.originalUrl, 'http://callback.invalid').search;
      const principal = await this.relyingParty.completeLogin(callbackUrl, login);
      const { id } = await this.sessions.create(principal);
      await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'session.created', subject: { type: 'session', id: principal.id }, data: { method: 'oidc' }, actor: principal });
      cookies.push(sessionCookie(request, id));
      response.setHeader('Set-Cookie', cookies);
      response.redirect(HttpStatus.FOUND, this.config.OIDC_POST_LOGIN_PATH);
    } catch (failure) {
      const error = oidcFailure(failure);
      response.setHeader('Set-Cookie', cookies);
      if (request.accepts(['json', 'html']) === 'html') {
        response.redirect(HttpStatus.FOUND, `${this.config.OIDC_POST_LOGIN_PATH}?signInError=${codeOf(error)}`);
        return;
      }
      response.status(error.getStatus()).json(error.getResponse());
    }
  }
}

const codeOf = (error: AppError): string => error.code;
