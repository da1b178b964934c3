import { CanActivate, ExecutionContext, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DEFAULT_TEAM_ID } from '@handover/persistence';
import { invalidField, AppError } from '@handover/http';
import { checkPathParameters, isPlainParameter } from '../common/request-shape.interceptor';
import { CASE_SCOPE_KEY, caseScopeOf, type CaseScope } from './case-scope';
import { CaseTeamResolver, EVERY_TEAM } from './case-team-resolver';
import { PUBLIC_KEY, spansAllTeams, type Principal } from './roles';

interface ScopedRequest {
  route?: { path?: string };
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  principal?: Principal;
}

/**
 * Per-case access, after BearerAuthGuard (authentication and the role matrix): on a case-bound
 * route (case-scope.ts) the subject is resolved to its team, and a principal of another team gets
 * the very 404 a missing subject gets — it cannot tell the two apart. Admin spans teams (the use
 * case then answers for a missing subject as before).
 */
@Injectable()
export class CaseAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: CaseTeamResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const scope = caseScopeOf(this.reflector.getAllAndOverride<CaseScope | undefined>(CASE_SCOPE_KEY, targets), request.route?.path ?? '');
    if (!scope) return true;
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid bearer token is required' });
    if (spansAllTeams(principal)) return true;
    // The same 400 the request-shape interceptor gives later, before any id reaches the database.
    checkPathParameters(request.params);
    const id = subjectId(request, scope);
    if (id === undefined) return true;
    const team = await this.resolver.teamOf(scope.kind, id);
    if (team === EVERY_TEAM || (team !== null && team === (principal.team ?? DEFAULT_TEAM_ID))) return true;
    throw notFound(scope, id);
  }
}

/**
 * The subject's id; undefined only when it is optional and absent. Anything but a bounded string
 * without control characters is a 400 naming the field.
 */
function subjectId(request: ScopedRequest, scope: CaseScope): string | undefined {
  const source = scope.in === 'path' ? request.params : scope.in === 'query' ? request.query : request.body;
  const value = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[scope.name] : undefined;
  if (isPlainParameter(value) && value.length > 0) return value;
  if (value === undefined && scope.optional) return undefined;
  throw invalidField(scope.name, 'must be an id');
}

/** The 404 each use case gives for a missing subject (ids from the body or query are not echoed). */
function notFound(scope: CaseScope, id: string): AppError {
  if (scope.in !== 'path' || scope.kind === 'audit-trail') return new AppError('NOT_FOUND', 'case not found', HttpStatus.NOT_FOUND);
  return AppError.notFound(scope.kind, id);
}
