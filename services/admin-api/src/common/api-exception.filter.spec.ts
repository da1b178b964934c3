import { errorOrigin } from './api-exception.filter';

describe('errorOrigin', () => {
  it("names the causes and the project's frame, never a message", () => {
    const inner = new TypeError('secret zhang.san@example.cn');
    const outer = new RangeError('outer 13800138000', { cause: inner });
    const origin = errorOrigin(outer);
    expect(origin.causes).toBe('TypeError');
    expect(origin.at).toMatch(/^services\/admin-api\/src\/common\/api-exception\.filter\.spec\.ts:\d+$/);
    expect(JSON.stringify(origin)).not.toMatch(/zhang|1380013/);
  });

  it('says nothing for a value that is not an error', () => {
    expect(errorOrigin('boom')).toEqual({});
  });
});
