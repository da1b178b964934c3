import { createHash } from 'node:crypto';
import { API_KEY_PREFIX, generateApiKeyToken, hashApiKeyToken, looksLikeApiKeyToken, newApiKeyId } from './api-key-token';

describe('API key tokens', () => {
  it('are hov_ + 32 random bytes in base64url, different every time', () => {
    const a = generateApiKeyToken();
    const b = generateApiKeyToken();
    expect(a.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(a).toMatch(/^hov_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeApiKeyToken(a)).toBe(true);
  });

  it('are stored as the SHA-256 hex of the token, never the token itself', () => {
    const token = generateApiKeyToken();
    const hash = hashApiKeyToken(token);
    expect(hash).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(API_KEY_PREFIX.length));
    expect(hashApiKeyToken(`${token}x`)).not.toBe(hash);
  });

  it('rejects token shapes that cannot be keys before any lookup', () => {
    expect(looksLikeApiKeyToken('hov_short')).toBe(false);
    expect(looksLikeApiKeyToken(`xyz_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiKeyToken(`hov_${'a'.repeat(42)}$`)).toBe(false);
  });

  it('key ids are not tokens', () => {
    const id = newApiKeyId();
    expect(id).toMatch(/^key_[A-Za-z0-9_-]{16}$/);
    expect(looksLikeApiKeyToken(id)).toBe(false);
  });
});
