import { birthDateFromId, idNumberCheckChar, upgradeLegacyIdNumber, validateIdNumber } from './id-number';
import { REJECTION_REASONS } from './rejection-reasons';

/** ISO 7064 MOD 11-2 computed independently of the implementation (weights 2^(n-1) mod 11). */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

function withCheck(first17: string): string {
  return first17 + referenceCheckChar(first17);
}

describe('resident ID numbers', () => {
  it('accepts the known valid example 11010519491231002X', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      legacy: false,
    });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    const result = validateIdNumber(' 11010519491231002x ');
    expect(result.valid && result.idNumber).toBe('11010519491231002X');
  });

  it('rejects 110105194912310021 with a check digit mismatch', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({
      valid: false,
      reason: REJECTION_REASONS.idNumberCheckDigit,
    });
  });

  it.each(['44030420100301123', '32010219850715031', '51010720200229004', '65010119991231999'])(
    'accepts %s + its computed check digit and rejects every other check character',
    (first17) => {
      const valid = withCheck(first17);
      expect(idNumberCheckChar(first17)).toBe(valid[17]);
      expect(validateIdNumber(valid).valid).toBe(true);
      for (const c of '0123456789X') {
        if (c === valid[17]) continue;
        expect(validateIdNumber(first17 + c)).toEqual({ valid: false, reason: REJECTION_REASONS.idNumberCheckDigit });
      }
    },
  );

  it('detects a single mistyped digit', () => {
    const valid = withCheck('44030420100301123');
    const typo = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}${valid.slice(11)}`;
    expect(validateIdNumber(typo).valid).toBe(false);
  });

  it('rejects an impossible embedded birth date even with a correct check digit', () => {
    expect(validateIdNumber(withCheck('11010519490230002'))).toEqual({
      valid: false,
      reason: REJECTION_REASONS.idNumberBirthDate,
    });
    expect(validateIdNumber(withCheck('11010519491301002')).valid).toBe(false);
    expect(validateIdNumber(withCheck('11010518000101002')).valid).toBe(false);
  });

  it('accepts 29 February only in leap years', () => {
    expect(validateIdNumber(withCheck('11010520000229002')).valid).toBe(true);
    expect(validateIdNumber(withCheck('11010519000229002')).valid).toBe(false);
  });

  it('rejects wrong lengths and characters with distinct reasons', () => {
    expect(validateIdNumber('1101051949123100')).toEqual({ valid: false, reason: REJECTION_REASONS.idNumberLength });
    expect(validateIdNumber('11010519491231002XX')).toEqual({ valid: false, reason: REJECTION_REASONS.idNumberLength });
    expect(validateIdNumber('1101051949123100X2')).toEqual({
      valid: false,
      reason: REJECTION_REASONS.idNumberCharacters,
    });
    expect(validateIdNumber('11010549123100X')).toEqual({ valid: false, reason: REJECTION_REASONS.idNumberCharacters });
  });

  it('accepts a 15-digit legacy number with a 19YYMMDD birth date', () => {
    expect(validateIdNumber('110105491231002')).toEqual({
      valid: true,
      idNumber: '110105491231002',
      birthDate: '1949-12-31',
      legacy: true,
    });
    expect(validateIdNumber('110105491331002')).toEqual({ valid: false, reason: REJECTION_REASONS.idNumberBirthDate });
  });

  it('upgrades a legacy number to the 18-character form', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(() => upgradeLegacyIdNumber('11010549123100')).toThrow(RangeError);
  });

  it('extracts the birth date of 18- and 15-character numbers', () => {
    expect(birthDateFromId('440304201003011234')).toBe('2010-03-01');
    expect(birthDateFromId('110105491231002')).toBe('1949-12-31');
    expect(birthDateFromId('440304201013011234')).toBeNull();
    expect(birthDateFromId('abc')).toBeNull();
  });

  it('refuses to compute a check character for anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1234')).toThrow(RangeError);
  });
});
