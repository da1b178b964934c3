import { assertBlobKey, assertBlobPrefix, InvalidBlobKeyError } from './blob-store';

describe('storage keys', () => {
  it.each(['uploads/imp-1.enc', 'packages/case-1/b1/manifest.json', 'a:b/c_d-e.f'])('accepts %s', (key) => {
    expect(assertBlobKey(key)).toBe(key);
  });

  it.each(['', '../x', 'uploads/../../etc/passwd', '/abs', 'a//b', 'a/./b', 'a/..', '..hidden', 'a\\\\b', 'a b', 'é', 'x'.repeat(513), 'a/'])(
    'refuses %j',
    (key) => {
      expect(() => assertBlobKey(key)).toThrow(InvalidBlobKeyError);
    },
  );

  it('accepts a prefix ending in a slash or empty, and refuses a traversal', () => {
    expect(assertBlobPrefix('uploads/')).toBe('uploads/');
    expect(assertBlobPrefix('')).toBe('');
    expect(() => assertBlobPrefix('../')).toThrow(InvalidBlobKeyError);
  });
});
