import { bodyParserError, findHostileJson, MAX_JSON_DEPTH } from './json-body';

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
