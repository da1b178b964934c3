import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Secrets } from '@handover/config';
import { SECRETS } from '../common/tokens';
import { PUBLIC_KEY, ROLES_KEY, type Principal, type Role } from './roles';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Authenticates `Authorization: Bearer <token>` and enforces the route's roles (401 / 403). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly adminDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SECRETS) secrets: Secrets,
  ) {
    this.adminDigest = digest(secrets.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = this.authenticate(request.headers['authorization']);
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid bearer token is required' });
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: `role ${principal.role} may not do this` });
    }
    request.principal = principal;
    return true;
  }

  private authenticate(header: string | undefined): Principal | null {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) return null;
    if (timingSafeEqual(digest(match[1]), this.adminDigest)) return { id: 'bootstrap-admin', role: 'admin' };
    return null;
  }
}
