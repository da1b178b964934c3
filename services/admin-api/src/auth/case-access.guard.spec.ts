import { BadRequestException, HttpException, type ExecutionContext } from '@nestjs/common';
import { errorBody } from '@handover/http';
import { Reflector } from '@nestjs/core';
import { CaseAccessGuard } from './case-access.guard';
import { CASE_SCOPE_KEY, type CaseScope, type CaseSubjectKind } from './case-scope';
import { EVERY_TEAM, type CaseTeamResolver, type SubjectTeam } from './case-team-resolver';
import type { Principal } from './roles';

function contextFor(request: object, scope?: CaseScope): ExecutionContext {
  const handler = () => undefined;
  if (scope) Reflect.defineMetadata(CASE_SCOPE_KEY, scope, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('CaseAccessGuard', () => {
  const teams: Record<string, SubjectTeam> = { cs_aaaa: 'tm_a', cs_bbbb: 'tm_b', rq_aaaa: 'tm_a', inc_nocase: 'tm_a', global: EVERY_TEAM, cs_oldold: 'default' };
  const lookups: Array<[CaseSubjectKind, string]> = [];
  const resolver = {
    teamOf: (kind: CaseSubjectKind, id: string) => {
      lookups.push([kind, id]);
      return Promise.resolve(teams[id] ?? null);
    },
  } as unknown as CaseTeamResolver;
  const guard = new CaseAccessGuard(new Reflector(), resolver);
  const managerA: Principal = { id: 'key_a', role: 'case-manager', team: 'tm_a' };
  const auditorB: Principal = { id: 'key_b', role: 'auditor', team: 'tm_b' };
  const onCase = (principal: Principal, id: string, path = '/v1/cases/:id/third-parties') => ({ principal, route: { path }, params: { id } });
  const rejection = async (promise: Promise<boolean>): Promise<unknown> => promise.then(() => 'allowed', (e: unknown) => e);

  beforeEach(() => {
    lookups.length = 0;
  });

  it("lets a principal of the case's team through on any /v1/cases/:id route without a decorator", async () => {
    await expect(guard.canActivate(contextFor(onCase(managerA, 'cs_aaaa')))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(onCase(managerA, 'cs_aaaa', '/v1/cases/:id')))).resolves.toBe(true);
    expect(lookups).toEqual([['case', 'cs_aaaa'], ['case', 'cs_aaaa']]);
  });

  it("answers another team's case with the very body a missing case gets", async () => {
    const foreign = await rejection(guard.canActivate(contextFor(onCase(auditorB, 'cs_aaaa'))));
    const missing = await rejection(guard.canActivate(contextFor(onCase(auditorB, 'cs_zzzz'))));
    expect(foreign).toBeInstanceOf(HttpException);
    expect(errorBody(foreign, { id: 'cs_aaaa' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case cs_aaaa not found' });
    expect(errorBody(missing, { id: 'cs_zzzz' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case cs_zzzz not found' });
  });

  it('puts cases and non-admin principals without a stored team in the default team', async () => {
    await expect(guard.canActivate(contextFor(onCase({ id: 'key_old', role: 'auditor' }, 'cs_oldold')))).resolves.toBe(true);
    expect(await rejection(guard.canActivate(contextFor(onCase(managerA, 'cs_oldold'))))).toBeInstanceOf(HttpException);
  });

  it('lets an admin through on every team without a lookup', async () => {
    await expect(guard.canActivate(contextFor(onCase({ id: 'bootstrap-admin', role: 'admin' }, 'cs_bbbb')))).resolves.toBe(true);
    expect(lookups).toEqual([]);
  });

  it('resolves declared subjects: a request in the path, a case id in the body or query (never echoed)', async () => {
    const request = { kind: 'request', in: 'path', name: 'id' } as const;
    await expect(guard.canActivate(contextFor({ principal: managerA, route: { path: '/v1/requests/:id' }, params: { id: 'rq_aaaa' } }, request))).resolves.toBe(true);
    const foreign = await rejection(guard.canActivate(contextFor({ principal: auditorB, route: { path: '/v1/requests/:id' }, params: { id: 'rq_aaaa' } }, request)));
    expect(errorBody(foreign, { id: 'rq_aaaa' }).message).toBe('request rq_aaaa not found');
    const body = { kind: 'case', in: 'body', name: 'caseId' } as const;
    const inBody = await rejection(guard.canActivate(contextFor({ principal: auditorB, route: { path: '/v1/requests' }, body: { caseId: 'cs_aaaa' } }, body)));
    expect(errorBody(inBody)).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case not found' });
    const query = { kind: 'case', in: 'query', name: 'caseId' } as const;
    await expect(guard.canActivate(contextFor({ principal: managerA, route: { path: '/v1/requests' }, query: { caseId: 'cs_aaaa' } }, query))).resolves.toBe(true);
    expect(lookups).toEqual([['request', 'rq_aaaa'], ['request', 'rq_aaaa'], ['case', 'cs_aaaa'], ['case', 'cs_aaaa']]);
  });

  it('passes an absent optional subject, and refuses a missing or non-string required one (400 naming the field)', async () => {
    const optional = { kind: 'case', in: 'body', name: 'caseId', optional: true } as const;
    await expect(guard.canActivate(contextFor({ principal: managerA, route: { path: '/v1/incidents' }, body: {} }, optional))).resolves.toBe(true);
    const required = { kind: 'case', in: 'query', name: 'caseId' } as const;
    for (const query of [{}, { caseId: ['cs_aaaa', 'cs_bbbb'] }, { caseId: { $ne: '' } }]) {
      const error = await rejection(guard.canActivate(contextFor({ principal: managerA, route: { path: '/v1/requests' }, query }, required)));
      expect(error).toBeInstanceOf(BadRequestException);
      expect(errorBody(error)).toMatchObject({ statusCode: 400, fields: [{ field: 'caseId' }] });
    }
  });

  it('refuses a path id with control characters or over 256 characters before any lookup (400 as the request-shape check)', async () => {
    for (const id of ['a\u0000b', 'x'.repeat(300)]) {
      const error = await rejection(guard.canActivate(contextFor(onCase(managerA, id))));
      expect(errorBody(error, { id })).toMatchObject({ statusCode: 400, code: 'INVALID_PATH_PARAMETER' });
    }
    expect(lookups).toEqual([]);
  });

  it('lets every team read the global trail, and routes outside cases through untouched', async () => {
    const trail = { kind: 'audit-trail', in: 'path', name: 'id' } as const;
    await expect(guard.canActivate(contextFor({ principal: auditorB, route: { path: '/v1/cases/:id/audit' }, params: { id: 'global' } }, trail))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor({ principal: auditorB, route: { path: '/v1/teams' } }))).resolves.toBe(true);
  });
});
