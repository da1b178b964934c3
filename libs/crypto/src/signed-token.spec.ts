import { createHash, createHmac, randomBytes } from 'node:crypto';
import { TokenSigner, hashToken, type TokenPayload } from './signed-token';
import { flipChar, segment } from './test-helpers';

describe('TokenSigner', () => {
  const signer = new TokenSigner(randomBytes(32));
  const now = new Date('2025-06-01T00:00:00.000Z');
  const payload: TokenPayload = {
    purpose: 'customer',
    subject: 'cust_8f3a2b',
    caseId: 'case-2025-001',
    expiresAt: new Date('2025-07-01T00:00:00.000Z'),
  };

  it('signs a URL-safe token and verifies it', () => {
    const token = signer.sign(payload);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(signer.verify(token, 'customer', now)).toEqual(payload);
  });

  it('carries an optional nonce; without one signing is deterministic', () => {
    expect(signer.sign(payload)).toBe(signer.sign(payload));
    const withNonce = signer.sign({ ...payload, nonce: 'n1' });
    expect(withNonce).not.toBe(signer.sign(payload));
    expect(signer.verify(withNonce, 'customer', now)).toEqual({ ...payload, nonce: 'n1' });
  });

  it('returns null for a forged or altered signature', () => {
    const token = signer.sign(payload);
    const sig = segment(token, 1);
    expect(signer.verify(sig.replace(flipChar(sig.value, 0)), 'customer', now)).toBeNull();
    expect(new TokenSigner(randomBytes(32)).verify(token, 'customer', now)).toBeNull();
  });

  it('returns null for an altered payload (e.g. another subject)', () => {
    const token = signer.sign(payload);
    const forgedBody = Buffer.from(
      JSON.stringify({ v: 1, p: 'customer', s: 'cust_other', c: payload.caseId, e: payload.expiresAt.getTime() }),
    ).toString('base64url');
    expect(signer.verify(segment(token, 0).replace(forgedBody), 'customer', now)).toBeNull();
    const body = segment(token, 0);
    expect(signer.verify(body.replace(flipChar(body.value, 5)), 'customer', now)).toBeNull();
  });

  it('returns null once expired (expiry instant included)', () => {
    const token = signer.sign(payload);
    expect(signer.verify(token, 'customer', new Date(payload.expiresAt.getTime() - 1))).not.toBeNull();
    expect(signer.verify(token, 'customer', payload.expiresAt)).toBeNull();
    expect(signer.verify(token, 'customer', new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('returns null for the wrong purpose', () => {
    const token = signer.sign({ ...payload, purpose: 'third-party' });
    expect(signer.verify(token, 'third-party', now)).not.toBeNull();
    expect(signer.verify(token, 'customer', now)).toBeNull();
    expect(signer.verify(token, 'download', now)).toBeNull();
  });

  it('returns null, never throws, for garbage', () => {
    const garbage: unknown[] = [
      '',
      '.',
      'abc',
      'a.b.c',
      `${'A'.repeat(10)}.${'B'.repeat(43)}`,
      `!!!.${'B'.repeat(43)}`,
      `${'A'.repeat(5000)}.${'B'.repeat(43)}`,
      null,
      undefined,
      42,
      {},
    ];
    for (const value of garbage) {
      expect(signer.verify(value as string, 'customer', now)).toBeNull();
    }
    expect(signer.verify(signer.sign(payload), 'customer', new Date('invalid'))).toBeNull();
  });

  it('returns null for a correctly signed but malformed payload', () => {
    // Sign a body that is not a valid wire payload, using the same construction as the signer.
    const secret = randomBytes(32);
    const local = new TokenSigner(secret);
    const body = Buffer.from(JSON.stringify({ v: 1, p: 'customer', s: 'x', c: 'y', e: 'soon' })).toString('base64url');
    const sig = createHmac('sha256', secret).update('handover-token-v1.').update(body).digest('base64url');
    expect(local.verify(`${body}.${sig}`, 'customer', now)).toBeNull();
    // Sanity: the same construction with a valid body verifies, so the null above is due to the payload.
    const good = Buffer.from(JSON.stringify({ v: 1, p: 'customer', s: 'x', c: 'y', e: payload.expiresAt.getTime() })).toString('base64url');
    const goodSig = createHmac('sha256', secret).update('handover-token-v1.').update(good).digest('base64url');
    expect(local.verify(`${good}.${goodSig}`, 'customer', now)).toMatchObject({ subject: 'x', caseId: 'y' });
  });

  it('accepts tokens signed with a previous secret during rotation', () => {
    const oldSecret = randomBytes(32);
    const token = new TokenSigner(oldSecret).sign(payload);
    const rotated = new TokenSigner(randomBytes(32), { previousSecrets: [oldSecret] });
    expect(rotated.verify(token, 'customer', now)).toEqual(payload);
    expect(new TokenSigner(randomBytes(32)).verify(token, 'customer', now)).toBeNull();
  });

  it('refuses to sign with a short secret or non-opaque ids', () => {
    expect(() => new TokenSigner(randomBytes(31))).toThrow(/at least 32 bytes/);
    expect(() => signer.sign({ ...payload, subject: 'zhang.san@example.com' })).toThrow(/opaque id/);
    expect(() => signer.sign({ ...payload, purpose: 'admin' as never })).toThrow(/purpose/);
    expect(() => signer.sign({ ...payload, expiresAt: new Date('x') })).toThrow(/valid Date/);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 hex of the token', () => {
    expect(hashToken('abc.def')).toBe(createHash('sha256').update('abc.def').digest('hex'));
    expect(hashToken('abc.def')).not.toBe(hashToken('abc.deg'));
  });
});
