import { isEmail, isPhone, luhn, normalisePhone, parsePhone, validateBankCard } from './validators';

describe('isEmail', () => {
  it.each(['a@b.co', 'zhang.san+vip@example.com.cn', 'USER@EXAMPLE.COM', '张三@例子.中国'])('accepts %s', (e) => {
    expect(isEmail(e)).toBe(true);
  });

  it.each(['', 'plain', 'a@b', 'a@b.c', 'a b@x.com', 'a@@x.com', 'a..b@x.com', '.a@x.com', 'a.@x.com', 'a@x..com', 'a@-x.com', '<a>@x.com'])(
    'rejects %j',
    (e) => {
      expect(isEmail(e)).toBe(false);
    },
  );

  it('rejects an address longer than 254 characters', () => {
    expect(isEmail(`${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`)).toBe(true);
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`)).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138-1234-5678', '13812345678', 'mobile'],
    ['+8613812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['199 1234 5678', '19912345678', 'mobile'],
    ['010-12345678', '01012345678', 'landline'],
    ['0755 1234567', '07551234567', 'landline'],
    ['0755-12345678', '075512345678', 'landline'],
    ['+86 10 12345678', '01012345678', 'landline'],
    ['+86 755 1234567', '07551234567', 'landline'],
    ['+86 010-12345678', '01012345678', 'landline'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
  ])('accepts %j as %s (%s)', (raw, national, kind) => {
    expect(normalisePhone(raw)).toBe(national);
    expect(isPhone(raw)).toBe(true);
    expect(parsePhone(raw)?.kind).toBe(kind);
  });

  it.each(['12812345678', '12345', '1381234567', '138123456789', '10-12345678', '010-123456', '0755-123456789', '+86 128 1234 5678', '+1 212 555 0100', '138 1234 567a', '(010)12345678', ''])(
    'rejects %j',
    (raw) => {
      expect(isPhone(raw)).toBe(false);
      expect(normalisePhone(raw)).toBeNull();
    },
  );

  it('gives the E.164 form without the trunk 0', () => {
    expect(parsePhone('010-12345678')?.e164).toBe('+861012345678');
    expect(parsePhone('138 1234 5678')?.e164).toBe('+8613812345678');
  });
});

describe('luhn and bank cards', () => {
  it('accepts 4111111111111111 and rejects 4111111111111112', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
  });

  it('handles odd lengths and rejects non-digits', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
    expect(luhn('4111-1111-1111-1111')).toBe(false);
    expect(luhn('')).toBe(false);
    expect(luhn('0')).toBe(false);
  });

  it('validates bank cards of 12–19 digits with spaces or dashes', () => {
    expect(validateBankCard('4111 1111 1111 1111')).toEqual({ valid: true, digits: '4111111111111111' });
    expect(validateBankCard('6222-0212-3456-7890-128')).toEqual({ valid: true, digits: '6222021234567890128' });
    expect(validateBankCard('4111111111111112')).toEqual({ valid: false, reason: 'luhn' });
    expect(validateBankCard('42')).toEqual({ valid: false, reason: 'length' });
    expect(validateBankCard('41111111111111111111')).toEqual({ valid: false, reason: 'length' });
    expect(validateBankCard('4111x11111111111')).toEqual({ valid: false, reason: 'length' });
  });
});
