import { findHostileQuery } from './query-guard';
import { contentSecurityPolicyFor } from './security-headers';

describe('findHostileQuery', () => {
  it('names operator, bracket and repeated parameters, never their values', () => {
    expect(findHostileQuery({ 'status[$ne]': 'x' })).toMatchObject({ field: 'status' });
    expect(findHostileQuery({ '$where': '1' })).toMatchObject({ field: 'query' });
    expect(findHostileQuery({ after: ['a', 'b'] })).toEqual({ field: 'after', reason: 'given more than once' });
    expect(findHostileQuery({ after: { $gt: '' } })).toMatchObject({ field: 'after' });
    expect(findHostileQuery({ after: 'rj_1', limit: '10' })).toBeNull();
  });
});

describe('contentSecurityPolicyFor', () => {
  it('lets Swagger UI load its own scripts and styles, and nothing load anywhere else', () => {
    expect(contentSecurityPolicyFor('/docs')).toContain("script-src 'self'");
    expect(contentSecurityPolicyFor('/docs/swagger-ui-init.js')).toContain("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicyFor('/v1/cases')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(contentSecurityPolicyFor('/codec/session')).toContain("form-action 'self'");
    expect(contentSecurityPolicyFor('/docsx')).toContain("default-src 'none'; frame-ancestors");
  });
});
