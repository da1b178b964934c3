import { SetMetadata } from '@nestjs/common';

/** What a route names that belongs to a case: the case itself, its audit trail, a request, an incident. */
export type CaseSubjectKind = 'case' | 'audit-trail' | 'request' | 'incident';

/** Where the route carries the subject's id, and whether it may be absent (an incident without a case). */
export interface CaseScope {
  kind: CaseSubjectKind;
  in: 'path' | 'query' | 'body';
  name: string;
  optional?: boolean;
}

export const CASE_SCOPE_KEY = 'handover:case-scope';

/**
 * Routes under `/v1/cases/:id` are case-bound on `id` without a decorator (so a new case route is
 * checked by default); every other route that names a case, or an id that resolves to one, says
 * so with @CaseBound. CaseAccessGuard then answers another team's subject with 404.
 */
export const DEFAULT_CASE_SCOPE: CaseScope = { kind: 'case', in: 'path', name: 'id' };
const CASE_ROUTE = /^\/v1\/cases\/:id(\/|$)/;

/** The OpenAPI description of a case-bound route's 404: a missing subject and another team's are one answer. */
export const NOT_FOUND_OR_OTHER_TEAM = "no such subject, or one of another team's cases (the same answer)";

export const CaseBound = (scope: CaseScope) => SetMetadata(CASE_SCOPE_KEY, scope);

/** The scope of a route: its decorator, else the default for `/v1/cases/:id…`, else none. */
export function caseScopeOf(declared: CaseScope | undefined, routePath: string): CaseScope | undefined {
  if (declared) return declared;
  return CASE_ROUTE.test(routePath) ? DEFAULT_CASE_SCOPE : undefined;
}
