import { normaliseRejectionCursor, rejectionAad, rejectionId } from './rejection.entity';

describe('rejection ids', () => {
  it('zero-pads the line so that _id order is line order within an import', () => {
    const ids = [2, 10, 9, 100].map((line) => rejectionId('imp_a', line)).sort();
    expect(ids).toEqual(['imp_a:0000000002', 'imp_a:0000000009', 'imp_a:0000000010', 'imp_a:0000000100']);
  });

  it('accepts cursors with or without padding and leaves other strings alone', () => {
    expect(normaliseRejectionCursor('imp_a:12')).toBe('imp_a:0000000012');
    expect(normaliseRejectionCursor('imp_a:0000000012')).toBe('imp_a:0000000012');
    expect(normaliseRejectionCursor('imp_a')).toBe('imp_a');
  });

  it('binds the raw ciphertext to case, import and line', () => {
    expect(rejectionAad('cs_1', 'imp_a', 7)).toBe('cs_1:rejection:imp_a:7');
  });
});
