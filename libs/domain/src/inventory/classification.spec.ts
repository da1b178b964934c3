import { DEFAULT_TIER_RULES, classify, productLines, productSlug, splitProducts, tierOf } from './classification';

const AT = '2024-06-15';

describe('classify: sensitive categories, minors, reachability', () => {
  it('flags nothing for a plain adult with an email', () => {
    const result = classify({ email: 'a@b.cn', birthDate: '1980-01-01' }, { at: AT });
    expect(result).toEqual({
      sensitive: [],
      minor: false,
      birthDate: '1980-01-01',
      reachable: true,
      productLines: [],
      tier: 'potential',
    });
  });

  it('flags id_number, bank_card with its PIPL alias financial_account, and each sensitive column', () => {
    const result = classify(
      {
        idNumber: '11010519491231002X',
        bankCard: '4111111111111111',
        health: '高血压',
        biometric: 'fingerprint',
        religion: '佛教',
        location: '31.2304,121.4737',
      },
      { at: AT },
    );
    expect(result.sensitive).toEqual([
      'id_number',
      'bank_card',
      'financial_account',
      'health',
      'biometric',
      'religion',
      'location',
    ]);
    expect(result.birthDate).toBe('1949-12-31');
  });

  it('ignores blank sensitive columns', () => {
    expect(classify({ health: '  ', religion: '' }, { at: AT }).sensitive).toEqual([]);
  });

  it('marks a minor from the ID number birth date at the 14th-birthday boundary', () => {
    const id = '440304201006150012'; // birth date 2010-06-15 (check digit not needed for classification)
    expect(classify({ idNumber: id }, { at: '2024-06-14' })).toMatchObject({ minor: true, birthDate: '2010-06-15' });
    expect(classify({ idNumber: id }, { at: '2024-06-14' }).sensitive).toEqual(['id_number', 'minor']);
    expect(classify({ idNumber: id }, { at: '2024-06-15' })).toMatchObject({ minor: false });
  });

  it('marks a minor from the birth_date column when there is no ID number', () => {
    expect(classify({ birthDate: '2012-01-01' }, { at: AT })).toMatchObject({ minor: true, sensitive: ['minor'] });
    expect(classify({ birthDate: '2012-01-01' }, { at: AT, minorAgeThreshold: 12 }).minor).toBe(false);
  });

  it('prefers the ID birth date but stays protective when either source says minor', () => {
    const adultId = '11010519491231002X';
    const result = classify({ idNumber: adultId, birthDate: '2015-05-05' }, { at: AT });
    expect(result.birthDate).toBe('1949-12-31');
    expect(result.minor).toBe(true);
  });

  it('is unreachable without email and phone, reachable with either', () => {
    expect(classify({}, { at: AT }).reachable).toBe(false);
    expect(classify({ email: ' ' }, { at: AT }).reachable).toBe(false);
    expect(classify({ phone: '13812345678' }, { at: AT }).reachable).toBe(true);
  });
});

describe('product lines', () => {
  it('splits on ; and ；, trims, drops empties and de-duplicates', () => {
    expect(splitProducts(' 金手镯 ；Gold Ring; ;金手镯;gold ring')).toEqual(['金手镯', 'Gold Ring', 'gold ring']);
  });

  it('slugs product names in lower case, keeping Chinese characters', () => {
    expect(productSlug('  Gold Ring (18K) ')).toBe('gold-ring-18k');
    expect(productSlug('金 手镯')).toBe('金-手镯');
    expect(productSlug('ＰＨＯＮＥ　Case')).toBe('phone-case');
    expect(productSlug('---')).toBe('');
  });

  it('de-duplicates by slug', () => {
    expect(productLines('Gold Ring;gold ring;GOLD-RING；金手镯;---')).toEqual(['gold-ring', '金手镯']);
    expect(productLines(['A B', 'a-b', 'c'])).toEqual(['a-b', 'c']);
    expect(productLines(undefined)).toEqual([]);
  });
});

describe('tiers', () => {
  it('uses the default thresholds 10000 / 1000 / 730 days', () => {
    expect(DEFAULT_TIER_RULES).toEqual({ coreSpent: 10_000, regularSpent: 1_000, dormantAfterDays: 730 });
  });

  it.each([
    [{ totalSpent: 10_000, lastPurchaseAt: '2024-01-01' }, 'core'],
    [{ totalSpent: 9_999.99, lastPurchaseAt: '2024-01-01' }, 'regular'],
    [{ totalSpent: 1_000 }, 'regular'],
    [{ totalSpent: 999 }, 'potential'],
    [{ totalSpent: 0 }, 'potential'],
    [{}, 'potential'],
    [{ totalSpent: 50_000 }, 'core'],
    // 2022-06-16 → 2024-06-15 is exactly 730 days (2024 is a leap year): not yet dormant.
    [{ totalSpent: 50_000, lastPurchaseAt: '2022-06-16' }, 'core'],
    [{ totalSpent: 50_000, lastPurchaseAt: '2022-06-15' }, 'dormant'],
    [{ totalSpent: 10, lastPurchaseAt: '2010-01-01T08:00:00.000Z' }, 'dormant'],
    [{ totalSpent: 10, lastPurchaseAt: '2030-01-01' }, 'potential'],
  ])('%j → %s', (input, tier) => {
    expect(tierOf(input, AT)).toBe(tier);
  });

  it('accepts configurable rules', () => {
    const rules = { coreSpent: 500, regularSpent: 100, dormantAfterDays: 30 };
    expect(tierOf({ totalSpent: 600, lastPurchaseAt: '2024-06-01' }, AT, rules)).toBe('core');
    expect(tierOf({ totalSpent: 150, lastPurchaseAt: '2024-06-01' }, AT, rules)).toBe('regular');
    expect(tierOf({ totalSpent: 600, lastPurchaseAt: '2024-05-01' }, AT, rules)).toBe('dormant');
    expect(classify({ totalSpent: 600 }, { at: AT, tierRules: rules }).tier).toBe('core');
  });
});
