import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicApiDoc } from '../common/api-doc.decorator';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles';
import { CSRF_HEADER, clearedSessionCookie, sessionCookie, sessionIdOf } from '../auth/session-cookie';
import { csrfMatches, SessionStore, type Session } from '../auth/session-store';
import { TokenAuthenticator } from '../auth/token-authenticator';
import { requireSameOrigin } from '../common/same-origin';
import { AuditService } from '../audit/audit.service';
import { GLOBAL_AUDIT_SCOPE } from '@handover/persistence';
import { CreateSessionDto, SessionDto } from './session.dto';

const unauthenticated = () => new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'no console session: sign in' });

function toDto(session: Session): SessionDto {
  const { principal } = session;
  return {
    principalId: principal.id,
    role: principal.role,
    ...(principal.team !== undefined && { team: principal.team }),
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

/**
 * The console's sign-in (docs/console.md): a token is exchanged once for a session cookie holding
 * a random id (HttpOnly, SameSite=Strict); the session (role, team, CSRF token) is kept by the admin
 * API, so the browser never stores the token.
 */
@ApiTags('session')
@Controller('auth')
export class SessionController {
  constructor(
    private readonly tokens: TokenAuthenticator,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
  ) {}

  @Public()
  @Post('session')
  @HttpCode(200)
  @PublicApiDoc('Sign the console in: exchange a token for a session cookie (same origin only)', {
    ok: { type: SessionDto, description: 'Set-Cookie: handover_session=…; HttpOnly; SameSite=Strict; Path=/' },
    badRequest: 'VALIDATION_FAILED: `token` missing or malformed',
    unauthorized: 'UNAUTHENTICATED: the token is unknown, revoked or expired',
    forbidden: 'CROSS_ORIGIN_FORM: posted from another site',
  })
  async signIn(@Body() dto: CreateSessionDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    requireSameOrigin(request);
    // The failure limit counts distinct credentials by the Authorization header: present the token there.
    request.headers.authorization = `Bearer ${dto.token}`;
    const principal = await this.tokens.authenticate(dto.token);
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'the token is unknown, revoked or expired' });
    const { id, session } = await this.sessions.create(principal);
    await this.audit.record({ caseId: GLOBAL_AUDIT_SCOPE, action: 'session.created', subject: { type: 'session', id: principal.id }, actor: principal });
    response.setHeader('Set-Cookie', sessionCookie(request, id));
    return toDto(session);
  }

  @Public()
  @Get('session')
  @PublicApiDoc("The console session of this browser's cookie (role, team, CSRF token)", {
    ok: { type: SessionDto },
    unauthorized: 'UNAUTHENTICATED: no cookie, or the session ended',
  })
  async current(@Req() request: Request): Promise<SessionDto> {
    const id = sessionIdOf(request);
    const session = id ? await this.sessions.find(id) : null;
    if (!session) throw unauthenticated();
    return toDto(session);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @PublicApiDoc('End the console session (needs X-CSRF-Token) and clear its cookie', {
    noContent: 'the session ended',
    unauthorized: 'UNAUTHENTICATED: no live session',
    forbidden: 'CSRF_INVALID: X-CSRF-Token is not the session\'s',
  })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const id = sessionIdOf(request);
    const session = id ? await this.sessions.find(id) : null;
    if (!id || !session) throw unauthenticated();
    if (!csrfMatches(session, request.headers[CSRF_HEADER])) {
      throw new ForbiddenException({ statusCode: 403, code: 'CSRF_INVALID', message: `logging out needs the session's ${CSRF_HEADER} header` });
    }
    await this.sessions.end(id);
    response.setHeader('Set-Cookie', clearedSessionCookie(request));
  }
}
