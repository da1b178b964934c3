import { ACCESS_MATRIX, allowedRoles, isAllowed, routeKey } from './access-matrix';
import { ROLES } from './roles';

describe('access matrix', () => {
  it('normalises OpenAPI templates and Express paths to the same key', () => {
    expect(routeKey('post', '/v1/cases/{id}/gates/{gate}/approve')).toBe('POST /v1/cases/{}/gates/{}/approve');
    expect(routeKey('POST', '/v1/cases/:id/gates/:gate/approve')).toBe('POST /v1/cases/{}/gates/{}/approve');
    expect(routeKey('HEAD', '/v1/cases/:caseId/')).toBe('GET /v1/cases/{}');
  });

  it('looks up an Express route path whatever its parameters are called', () => {
    expect(allowedRoles('GET', '/v1/cases/:caseId')).toEqual(['admin', 'case-manager', 'incident-responder', 'auditor']);
    expect(allowedRoles('POST', '/v1/cases/:id/start')).toEqual(['admin', 'case-manager']);
    expect(allowedRoles('POST', '/v1/keys')).toEqual(['admin']);
  });

  it('has no entry for an unknown route, which only admin may then call', () => {
    expect(allowedRoles('GET', '/v1/unknown')).toBeUndefined();
    expect(allowedRoles('PUT', '/v1/cases/:id')).toBeUndefined();
    expect(isAllowed('admin', 'GET', '/v1/unknown')).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(isAllowed(role, 'GET', '/v1/unknown')).toBe(false);
  });

  it('lets the auditor read cases and audit trails but never open, start or approve', () => {
    expect(isAllowed('auditor', 'GET', '/v1/cases/:id')).toBe(true);
    expect(isAllowed('auditor', 'GET', '/v1/cases/:id/audit')).toBe(true);
    expect(isAllowed('auditor', 'GET', '/v1/cases/:id/audit/verify')).toBe(true);
    expect(isAllowed('auditor', 'POST', '/v1/cases')).toBe(false);
    expect(isAllowed('auditor', 'POST', '/v1/cases/:id/start')).toBe(false);
    expect(isAllowed('auditor', 'POST', '/v1/cases/:id/gates/:gate/approve')).toBe(false);
  });

  it('gives the auditor read-only routes (GET, and the codec decode that reads payloads), and keys to admin only', () => {
    const readOnlyPosts = new Set(['POST /codec/decode', 'POST /codec/session']);
    for (const [entry, roles] of Object.entries(ACCESS_MATRIX)) {
      if (!entry.startsWith('GET ') && !readOnlyPosts.has(entry)) expect({ entry, auditor: roles.includes('auditor') }).toEqual({ entry, auditor: false });
      if (entry.includes('/v1/keys')) expect({ entry, roles }).toEqual({ entry, roles: [] });
    }
  });

  it('keeps incident work to responders and case work to case managers', () => {
    expect(isAllowed('incident-responder', 'POST', '/v1/incidents')).toBe(true);
    expect(isAllowed('case-manager', 'POST', '/v1/incidents')).toBe(false);
    expect(isAllowed('incident-responder', 'POST', '/v1/cases/:id/start')).toBe(false);
    expect(isAllowed('incident-responder', 'GET', '/v1/cases/:id')).toBe(true);
  });

  it('covers every route of docs/api.md', () => {
    const apiMd = [
      'POST /v1/keys', 'POST /v1/cases', 'POST /v1/cases/{id}/inventory', 'GET /v1/cases/{id}/inventory/imports/{importId}',
      'GET /v1/cases/{id}/inventory/rejected', 'POST /v1/cases/{id}/third-parties', 'GET /v1/cases/{id}/third-parties',
      'POST /v1/cases/{id}/start', 'GET /v1/cases/{id}', 'POST /v1/cases/{id}/gates/{gate}/approve',
      'GET /v1/cases/{id}/handover/package', 'GET /v1/cases/{id}/report', 'GET /v1/cases/{id}/audit',
      'GET /v1/cases/{id}/audit/verify', 'POST /v1/incidents', 'GET /v1/incidents/{id}',
      'POST /v1/incidents/{id}/tasks/{taskId}/complete', 'GET /v1/requests', 'POST /v1/requests/{id}/resolve',
    ];
    const missing = apiMd.filter((entry) => {
      const [method, path] = entry.split(' ');
      return allowedRoles(method!, path!) === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('names only known roles', () => {
    for (const roles of Object.values(ACCESS_MATRIX)) for (const role of roles) expect(ROLES).toContain(role);
  });
});
