import { REJECTION_REASONS } from './rejection-reasons';
import { parseAmount, parseCustomerType, validateRow, type RowValidation } from './row-validation';

const AT = '2024-06-15';

/** Appends the ISO 7064 MOD 11-2 check character, computed independently of the implementation. */
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

function ok(result: RowValidation) {
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.errors)}`);
  return result.customer;
}

function errors(result: RowValidation) {
  if (result.ok) throw new Error('expected a rejected row');
  return result.errors;
}

describe('validateRow', () => {
  it('builds a customer from a complete valid row', () => {
    const result = validateRow(
      {
        customer_id: ' C001 ',
        type: '个人',
        name: '张三',
        email: 'zhang@example.cn',
        phone: '+86 138-1234-5678',
        id_number: '11010519491231002x',
        birth_date: '1949/12/31',
        address: '北京市朝阳区',
        products: '金手镯；Gold Ring;金手镯',
        last_purchase_at: '2024/3/5 9:07',
        total_spent: '¥12,345.50',
        bank_card: '4111 1111 1111 1111',
        notes: 'VIP',
        会员等级: '金卡',
        empty_extra: '  ',
      },
      { line: 2, at: AT },
    );
    expect(result.line).toBe(2);
    expect(ok(result)).toEqual({
      customerId: 'C001',
      type: 'individual',
      personal: {
        name: '张三',
        email: 'zhang@example.cn',
        phone: '13812345678',
        idNumber: '11010519491231002X',
        birthDate: '1949-12-31',
        address: '北京市朝阳区',
        bankCard: '4111111111111111',
        notes: 'VIP',
      },
      products: ['金手镯', 'Gold Ring'],
      lastPurchaseAt: '2024-03-05T09:07:00.000Z',
      totalSpent: 12345.5,
      extra: { 会员等级: '金卡' },
      derived: {
        sensitive: ['id_number', 'bank_card', 'financial_account'],
        minor: false,
        birthDate: '1949-12-31',
        reachable: true,
        productLines: ['金手镯', 'gold-ring'],
        tier: 'core',
      },
    });
  });

  it('accepts a row with only customer_id: empty optional fields are fine, type defaults to individual', () => {
    const customer = ok(validateRow({ customer_id: 'C2', email: '', phone: ' ', total_spent: '' }, { line: 3, at: AT }));
    expect(customer).toMatchObject({ customerId: 'C2', type: 'individual', personal: {}, products: [], extra: {} });
    expect(customer.derived.reachable).toBe(false);
    expect(customer.derived.tier).toBe('potential');
    expect(customer).not.toHaveProperty('totalSpent');
  });

  it.each([
    ['enterprise', 'enterprise'],
    ['Enterprise', 'enterprise'],
    ['企业', 'enterprise'],
    ['individual', 'individual'],
    ['', 'individual'],
  ])('reads the type %j as %s', (type, expected) => {
    expect(ok(validateRow({ customer_id: 'C', type }, { line: 2, at: AT })).type).toBe(expected);
  });

  it('keeps sensitive columns in personal and flags them', () => {
    const customer = ok(validateRow({ customer_id: 'C', health: '糖尿病', location: '定位点' }, { line: 2, at: AT }));
    expect(customer.personal).toEqual({ health: '糖尿病', location: '定位点' });
    expect(customer.derived.sensitive).toEqual(['health', 'location']);
  });

  it('marks a minor from the ID number', () => {
    const idNumber = withCheck('44030420100615001'); // born 2010-06-15
    const before = ok(validateRow({ customer_id: 'C', id_number: idNumber }, { line: 2, at: '2024-06-14' }));
    expect(before.derived.minor).toBe(true);
    expect(before.derived.sensitive).toEqual(['id_number', 'minor']);
    const onBirthday = ok(validateRow({ customer_id: 'C', id_number: idNumber }, { line: 2, at: '2024-06-15' }));
    expect(onBirthday.derived.minor).toBe(false);
  });

  it.each([
    [{ type: 'vip' }, 'type', REJECTION_REASONS.invalidType],
    [{ email: 'zhang@' }, 'email', REJECTION_REASONS.invalidEmail],
    [{ phone: '12812345678' }, 'phone', REJECTION_REASONS.invalidPhone],
    [{ id_number: '110105194912310021' }, 'id_number', REJECTION_REASONS.idNumberCheckDigit],
    [{ id_number: '12345' }, 'id_number', REJECTION_REASONS.idNumberLength],
    [{ bank_card: '4111111111111112' }, 'bank_card', REJECTION_REASONS.bankCardLuhn],
    [{ bank_card: '1234' }, 'bank_card', REJECTION_REASONS.bankCardLength],
    [{ birth_date: '1990-02-30' }, 'birth_date', REJECTION_REASONS.invalidDate],
    [{ last_purchase_at: 'last week' }, 'last_purchase_at', REJECTION_REASONS.invalidDate],
    [{ total_spent: '-5' }, 'total_spent', REJECTION_REASONS.invalidTotalSpent],
    [{ total_spent: 'lots' }, 'total_spent', REJECTION_REASONS.invalidTotalSpent],
  ])('rejects %j on the field %s', (fields, field, reason) => {
    expect(errors(validateRow({ customer_id: 'C9', ...fields }, { line: 7, at: AT }))).toEqual([{ field, reason }]);
  });

  it('rejects a missing customer_id and lists every fault of the row', () => {
    const result = validateRow({ customer_id: '  ', email: 'bad', phone: '123' }, { line: 5, at: AT });
    expect(result).toEqual({
      ok: false,
      line: 5,
      errors: [
        { field: 'customer_id', reason: REJECTION_REASONS.missingCustomerId },
        { field: 'email', reason: REJECTION_REASONS.invalidEmail },
        { field: 'phone', reason: REJECTION_REASONS.invalidPhone },
      ],
    });
  });

  it('never echoes the rejected values in its reasons', () => {
    const values = {
      customer_id: '',
      type: 'SECRET-TYPE',
      email: 'secret@@leak',
      phone: '99999999',
      id_number: '110105194912310021',
      birth_date: '1990-99-99',
      bank_card: '4111111111111112',
      total_spent: '-123456',
      last_purchase_at: 'leak-date',
    };
    const result = errors(validateRow(values, { line: 2, at: AT }));
    expect(result).toHaveLength(9);
    const text = JSON.stringify(result);
    for (const v of Object.values(values).filter((v) => v !== '')) expect(text).not.toContain(v);
  });

  it('applies the reference date and tier rules from the context', () => {
    const row = { customer_id: 'C', total_spent: '600', last_purchase_at: '2024-06-01' };
    expect(ok(validateRow(row, { line: 2, at: AT })).derived.tier).toBe('potential');
    const rules = { coreSpent: 500, regularSpent: 100, dormantAfterDays: 30 };
    expect(ok(validateRow(row, { line: 2, at: AT, tierRules: rules })).derived.tier).toBe('core');
    expect(ok(validateRow(row, { line: 2, at: '2024-08-01', tierRules: rules })).derived.tier).toBe('dormant');
  });

  it('reads datetimes without offset at the context offset', () => {
    const row = { customer_id: 'C', last_purchase_at: '2024/3/5 9:07' };
    expect(ok(validateRow(row, { line: 2, at: AT, defaultOffsetMinutes: 480 })).lastPurchaseAt).toBe(
      '2024-03-05T01:07:00.000Z',
    );
  });
});

describe('field parsers', () => {
  it.each([
    ['1,234.50', 1234.5],
    ['¥100', 100],
    ['￥ 1,000', 1000],
    ['1000元', 1000],
    ['RMB 5', 5],
    ['0', 0],
    ['.5', 0.5],
  ])('parseAmount(%j) = %d', (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  it.each(['-1', '¥', 'abc', '1.2.3', '1e5', ''])('parseAmount(%j) is null', (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });

  it('parseCustomerType rejects unknown types', () => {
    expect(parseCustomerType('company')).toBeNull();
    expect(parseCustomerType(undefined)).toBe('individual');
  });
});
