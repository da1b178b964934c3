import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isAllowed } from './access-matrix';
import { RequestContext } from './request-context';
import { PUBLIC_KEY, type Principal } from './roles';
import { CSRF_HEADER, isStateChanging, sessionIdOf } from './session-cookie';
import { csrfMatches, SessionStore } from './session-store';
import { TokenAuthenticator } from './token-authenticator';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  principal?: Principal;
}

/**
 * Authenticates `Authorization: Bearer <token>` (the bootstrap admin token or an unrevoked API
 * key) or, without that header, the console's session cookie (with the session's CSRF token in
 * X-CSRF-Token on every state-changing request: 403 CSRF_INVALID otherwise), and enforces
 * the access matrix for the matched route (401 / 403).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenAuthenticator,
    private readonly sessions: SessionStore,
    private readonly context: RequestContext,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = request.headers['authorization'] !== undefined ? await this.fromBearer(request.headers['authorization']) : await this.fromSession(request);
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid bearer token is required' });
    if (!isAllowed(principal.role, request.method, request.route?.path ?? '')) {
      throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: `role ${principal.role} may not do this` });
    }
    request.principal = principal;
    this.context.setPrincipal(principal);
    return true;
  }

  private async fromBearer(header: string | string[] | undefined): Promise<Principal | null> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1];
    return token ? this.tokens.authenticate(token) : null;
  }

  private async fromSession(request: GuardedRequest): Promise<Principal | null> {
    const id = sessionIdOf(request);
    const session = id ? await this.sessions.find(id) : null;
    if (!session) return null;
    if (isStateChanging(request.method) && !csrfMatches(session, request.headers[CSRF_HEADER])) {
      throw new ForbiddenException({ statusCode: 403, code: 'CSRF_INVALID', message: `a state-changing request with the session cookie needs the session's ${CSRF_HEADER} header` });
    }
    return session.principal;
  }
}
