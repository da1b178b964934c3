import { bodyParserError, findHostileJson, MAX_JSON_DEPTH } from './json-body';
import { findHostileQuery } from './query-guard';
import { contentSecurityPolicyFor } from './security-headers';

describe('findHostileJson', () => {
  it('names the field that holds an operator object, at any depth and in arrays', () => {
    expect(findHostileJson({ kind: { $gt: '' } })).toMatchObject({ field: 'kind' });
    expect(findHostileJson({ a: { b: [{ c: 1 }, { $where: 'x' }] } })).toMatchObject({ field: 'a.b.1' });
    expect(findHostileJson({ $set: { admin: true } })).toMatchObject({ field: '$set' });
    expect(findHostileJson(JSON.parse('{"x":{"__proto__":{"polluted":true}}}'))).toMatchObject({ field: 'x', reason: 'the key __proto__ is not accepted' });
  });

  it('accepts plain data, `$` inside values included', () => {
    expect(findHostileJson({ kind: 'merger', note: '$gt is fine as text', list: ['$x', { price: '$5' }] })).toBeNull();
  });

  it('refuses nesting deeper than the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = { a: deep };
    expect(findHostileJson(deep)?.reason).toMatch(/nesting deeper/);
  });
});

describe('bodyParserError', () => {
  it('maps body-parser failures to codes without the parser text', () => {
    expect(bodyParserError({ type: 'entity.too.large', limit: 1024 })?.getResponse()).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than 1024 bytes' });
    expect(bodyParserError({ type: 'charset.unsupported' })?.getStatus()).toBe(415);
    expect(bodyParserError(new Error('other'))).toBeNull();
  });
});

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
