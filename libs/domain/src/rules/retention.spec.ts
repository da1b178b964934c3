import { CN_PIPL_PACK } from './packs/cn-pipl.pack';
import { findRetentionRule, isLegalHoldRunning, legalHoldFor, longestHold } from './retention';

describe('legal-hold retention rules (docs/legal.md §9)', () => {
  it.each([
    ['cn-pipl.retention.accounting-archives', 30],
    ['cn-pipl.retention.aml-precious-metals', 10],
    ['cn-pipl.retention.ecommerce-platform-transactions', 3],
    ['cn-pipl.retention.piia-and-sharing-records', 3],
  ])('PIPL Art. 47: %s keeps records for %i years', (id, years) => {
    expect(findRetentionRule(CN_PIPL_PACK, id).period.years).toBe(years);
  });

  it('E-Commerce Law Art. 31: a platform transaction completed 2024-02-29 is held until 2027-02-28', () => {
    expect(legalHoldFor(CN_PIPL_PACK, 'cn-pipl.retention.ecommerce-platform-transactions', '2024-02-29')).toEqual({
      ruleId: 'cn-pipl.retention.ecommerce-platform-transactions',
      until: '2027-02-28',
    });
  });

  it('Cybersecurity Law Art. 21: network logs are held 6 months', () => {
    expect(legalHoldFor(CN_PIPL_PACK, 'cn-pipl.retention.network-logs', '2026-08-31').until).toBe('2027-02-28');
  });

  it('PIPL Art. 47: unknown retention rules are rejected', () => {
    expect(() => legalHoldFor(CN_PIPL_PACK, 'nope', '2026-01-01')).toThrow('no retention rule');
  });

  it('PIPL Art. 47: the longest of several holds wins; a hold runs through its until date', () => {
    const a = { ruleId: 'a', until: '2030-01-01' };
    const b = { ruleId: 'b', until: '2056-01-01' };
    expect(longestHold([a, b])).toBe(b);
    expect(longestHold([])).toBeNull();
    expect(isLegalHoldRunning(a, new Date('2030-01-01T23:59:59Z'))).toBe(true);
    expect(isLegalHoldRunning(a, new Date('2030-01-02T00:00:00Z'))).toBe(false);
  });
});
