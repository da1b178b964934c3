import { createHmac, randomBytes } from 'node:crypto';
import { BlindIndex, normalizeForBlindIndex } from './blind-index';

describe('normalizeForBlindIndex', () => {
  it.each([
    ['email', '  Zhang.San@Example.COM ', 'zhang.san@example.com'],
    ['email', 'ｚｈａｎｇ＠ＱＱ．ｃｏｍ', 'zhang@qq.com'], // full-width input
    ['phone', '+86 138-0013-8000', '13800138000'],
    ['phone', '86 13800138000', '13800138000'],
    ['phone', '0086 138 0013 8000', '13800138000'],
    ['phone', '(138) 0013 8000', '13800138000'],
    ['phone', '１３８００１３８０００', '13800138000'],
    ['phone', '+86 21 1234 5678', '2112345678'],
    ['phone', '8612 3456', '86123456'], // short local number keeps its leading 86
    ['id_number', ' 11010119900307123x ', '11010119900307123X'],
    ['id_number', '110101 19900307 123x', '11010119900307123X'],
    ['membership', '  M-001  ', 'M-001'],
  ])('%s %j → %j', (kind, input, expected) => {
    expect(normalizeForBlindIndex(kind, input)).toBe(expected);
  });
});

describe('BlindIndex', () => {
  const dataKey = randomBytes(32);
  const index = BlindIndex.fromDataKey(dataKey);

  it('is 32 hex chars and deterministic', () => {
    const value = index.compute('email', 'a@b.cn');
    expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect(BlindIndex.fromDataKey(Buffer.from(dataKey)).compute('email', 'a@b.cn')).toBe(value);
  });

  it('gives equal values for differently written equal inputs', () => {
    expect(index.compute('email', ' A@B.CN ')).toBe(index.compute('email', 'a@b.cn'));
    expect(index.compute('phone', '+86 138 0013 8000')).toBe(index.compute('phone', '13800138000'));
    expect(index.compute('phone', '8613800138000')).toBe(index.compute('phone', '138-0013-8000'));
    expect(index.compute('id_number', '11010119900307123x')).toBe(index.compute('id_number', ' 11010119900307123X'));
  });

  it('gives different values for different inputs and different kinds', () => {
    expect(index.compute('email', 'a@b.cn')).not.toBe(index.compute('email', 'a@b.com'));
    expect(index.compute('phone', '13800138000')).not.toBe(index.compute('phone', '13800138001'));
    expect(index.compute('phone', '13800138000')).not.toBe(index.compute('id_number', '13800138000'));
  });

  it('gives unrelated values under different keys', () => {
    const other = BlindIndex.fromDataKey(randomBytes(32));
    expect(other.compute('email', 'a@b.cn')).not.toBe(index.compute('email', 'a@b.cn'));
  });

  it('is not a plain HMAC under the data key itself (HKDF-derived key)', () => {
    const direct = createHmac('sha256', dataKey).update('email\u0000a@b.cn').digest('hex').slice(0, 32);
    expect(index.compute('email', 'a@b.cn')).not.toBe(direct);
  });

  it('rejects empty values, bad kinds and short keys', () => {
    expect(() => index.compute('email', '   ')).toThrow(/empty after normalisation/);
    expect(() => index.compute('phone', 'n/a')).toThrow(/empty after normalisation/);
    expect(() => index.compute('', 'x')).toThrow(/kind/);
    expect(() => BlindIndex.fromDataKey(randomBytes(16))).toThrow(/at least 32 bytes/);
  });

  it('does not leak the value in errors', () => {
    expect(() => index.compute('bad kind!', 'secret@example.com')).not.toThrow(/secret/);
    expect(() => index.compute('bad kind!', 'secret@example.com')).toThrow();
  });
});
