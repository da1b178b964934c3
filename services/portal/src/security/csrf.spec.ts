import { MasterKey } from '@handover/crypto';
import { CsrfTokens } from './csrf';

describe('CsrfTokens', () => {
  const master = MasterKey.generate();
  const csrf = CsrfTokens.fromMasterKey(master);
  const link = 'eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

  it('accepts the value it issued for the same link', () => {
    const value = csrf.issue(link);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf.verify(link, value)).toBe(true);
  });

  it('is deterministic per link and master key, and differs between links', () => {
    expect(CsrfTokens.fromMasterKey(master).issue(link)).toBe(csrf.issue(link));
    expect(csrf.issue(`${link}x`)).not.toBe(csrf.issue(link));
  });

  it('rejects the value of another link, another master key, a missing or malformed value', () => {
    const value = csrf.issue(link);
    expect(csrf.verify(`${link}x`, value)).toBe(false);
    expect(CsrfTokens.fromMasterKey(MasterKey.generate()).verify(link, value)).toBe(false);
    expect(csrf.verify(link, undefined)).toBe(false);
    expect(csrf.verify(link, '')).toBe(false);
    expect(csrf.verify(link, ['array'])).toBe(false);
    expect(csrf.verify(link, value.slice(0, -1))).toBe(false);
    expect(csrf.verify(link, `${value}=`)).toBe(false);
    expect(csrf.verify(link, `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });

  it('derives its key apart from the link signer (same master, different HKDF info)', () => {
    expect(new CsrfTokens(master.deriveKey('portal-tokens')).issue(link)).not.toBe(csrf.issue(link));
  });

  it('never shows its key', () => {
    expect(String(csrf)).toBe('CsrfTokens');
    expect(JSON.stringify(csrf)).toBe('{}');
  });
});
