import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Secrets } from '@handover/config';
import { SECRETS } from '../common/tokens';
import { isAllowed } from './access-matrix';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { RequestContext } from './request-context';
import { PUBLIC_KEY, type Principal } from './roles';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  principal?: Principal;
}

/**
 * Authenticates `Authorization: Bearer <token>` (the bootstrap admin token or an unrevoked API
 * key) and enforces the access matrix for the matched route (401 / 403).
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly adminDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SECRETS) secrets: Secrets,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly context: RequestContext,
  ) {
    this.adminDigest = digest(secrets.adminToken);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = await this.authenticate(request.headers['authorization']);
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid bearer token is required' });
    if (!isAllowed(principal.role, request.method, request.route?.path ?? '')) {
      throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: `role ${principal.role} may not do this` });
    }
    request.principal = principal;
    this.context.setPrincipal(principal);
    return true;
  }

  private async authenticate(header: string | string[] | undefined): Promise<Principal | null> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const token = match?.[1];
    if (!token) return null;
    if (timingSafeEqual(digest(token), this.adminDigest)) return { id: 'bootstrap-admin', role: 'admin' };
    return this.apiKeys.authenticate(token);
  }
}
