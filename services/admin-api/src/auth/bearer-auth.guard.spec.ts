import { MemorySecretStore } from '@handover/persistence';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Secrets } from '@handover/config';
import type { ApiKeyAuthenticator } from './api-key-authenticator';
import { BearerAuthGuard } from './bearer-auth.guard';
import { RequestContext } from './request-context';
import { SessionStore } from './session-store';
import { TokenAuthenticator } from './token-authenticator';
import type { Principal } from './roles';

const ADMIN_TOKEN = 'bootstrap-admin-token-value';

function contextFor(request: object): ExecutionContext {
  return {
    getHandler: () => () => undefined,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('BearerAuthGuard', () => {
  const keys = new Map<string, Principal>([['hov_auditor', { id: 'key_a', role: 'auditor' }], ['hov_manager', { id: 'key_m', role: 'case-manager' }]]);
  const authenticator = { authenticate: (token: string) => Promise.resolve(keys.get(token) ?? null) } as unknown as ApiKeyAuthenticator;
  const requestContext = new RequestContext();
  const sessions = new SessionStore(new MemorySecretStore());
  const guard = new BearerAuthGuard(new Reflector(), new TokenAuthenticator({ adminToken: ADMIN_TOKEN } as Secrets, authenticator), sessions, requestContext);
  const request = (token: string | undefined, method: string, path: string) => ({
    method,
    route: { path },
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

  it('answers 401 without a token or with an unknown one', async () => {
    await expect(guard.canActivate(contextFor(request(undefined, 'GET', '/v1/cases/:id')))).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard.canActivate(contextFor(request('nope', 'GET', '/v1/cases/:id')))).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('lets the bootstrap admin token through anywhere, even routes missing from the matrix', async () => {
    const req = request(ADMIN_TOKEN, 'POST', '/v1/not-in-matrix');
    await expect(guard.canActivate(contextFor(req))).resolves.toBe(true);
    expect(req).toMatchObject({ principal: { id: 'bootstrap-admin', role: 'admin' } });
  });

  it('answers 403 with the stable JSON shape for a role outside the route entry', async () => {
    const error = await guard.canActivate(contextFor(request('hov_auditor', 'POST', '/v1/cases/:id/start'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenException);
    expect((error as ForbiddenException).getResponse()).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'role auditor may not do this' });
  });

  it('lets an API key through on a route its role is listed for, and exposes the principal to the request context', async () => {
    const seen = await requestContext.run(async () => {
      await guard.canActivate(contextFor(request('hov_manager', 'POST', '/v1/cases/:id/start')));
      await Promise.resolve();
      return requestContext.principal();
    });
    expect(seen).toEqual({ id: 'key_m', role: 'case-manager' });
    expect(requestContext.principal()).toBeUndefined();
  });

  describe('with the console session cookie', () => {
    const cookieRequest = (cookie: string, method: string, path: string, csrf?: string) => ({
      method,
      route: { path },
      headers: { cookie: `other=1; handover_session=${cookie}`, ...(csrf !== undefined && { 'x-csrf-token': csrf }) },
    });

    it('takes the principal of a live session on a read', async () => {
      const { id } = await sessions.create({ id: 'key_m', role: 'case-manager', team: 'tm_a' });
      const req = cookieRequest(id, 'GET', '/v1/cases/:id');
      await expect(guard.canActivate(contextFor(req))).resolves.toBe(true);
      expect(req).toMatchObject({ principal: { id: 'key_m', role: 'case-manager', team: 'tm_a' } });
    });

    it('refuses a state-changing request without the session CSRF token (403) and accepts it with it', async () => {
      const { id, session } = await sessions.create({ id: 'key_m', role: 'case-manager' });
      for (const csrf of [undefined, 'wrong', session.csrfToken.slice(1)]) {
        const error = await guard.canActivate(contextFor(cookieRequest(id, 'POST', '/v1/cases/:id/start', csrf))).catch((e: unknown) => e);
        expect((error as ForbiddenException).getResponse()).toMatchObject({ statusCode: 403, code: 'CSRF_INVALID' });
      }
      await expect(guard.canActivate(contextFor(cookieRequest(id, 'POST', '/v1/cases/:id/start', session.csrfToken)))).resolves.toBe(true);
    });

    it('answers 401 for an unknown, ended or revoked session, and still applies the access matrix', async () => {
      await expect(guard.canActivate(contextFor(cookieRequest('A'.repeat(43), 'GET', '/v1/cases/:id')))).rejects.toBeInstanceOf(UnauthorizedException);
      const ended = await sessions.create({ id: 'key_x', role: 'case-manager' });
      await sessions.end(ended.id);
      await expect(guard.canActivate(contextFor(cookieRequest(ended.id, 'GET', '/v1/cases/:id')))).rejects.toBeInstanceOf(UnauthorizedException);
      const revoked = await sessions.create({ id: 'key_r', role: 'case-manager' });
      await sessions.endAllOf('key_r');
      await expect(guard.canActivate(contextFor(cookieRequest(revoked.id, 'GET', '/v1/cases/:id')))).rejects.toBeInstanceOf(UnauthorizedException);
      const auditor = await sessions.create({ id: 'key_a', role: 'auditor' });
      await expect(guard.canActivate(contextFor(cookieRequest(auditor.id, 'POST', '/v1/cases/:id/start', auditor.session.csrfToken)))).rejects.toBeInstanceOf(ForbiddenException);
    });
  });
});
