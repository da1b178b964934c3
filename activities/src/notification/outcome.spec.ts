import { countOutcome, decideOutcome, emptyOutcomeCounters } from './outcome';

describe('decideOutcome: silence is never consent', () => {
  it.each([
    ['separate-consent', 'consent', 'transfer'],
    ['separate-consent', undefined, 'not-transfer'],
    ['separate-consent', 'refuse', 'not-transfer'],
    ['separate-consent', 'withdrawn', 'not-transfer'],
    ['guardian-consent', 'consent', 'transfer'],
    ['guardian-consent', null, 'not-transfer'],
    ['guardian-consent', 'withdrawn', 'not-transfer'],
    ['notice', undefined, 'transfer'],
    ['notice', 'object', 'not-transfer'],
    ['notice-of-change', undefined, 'not-transfer'],
    ['notice-of-change', 'object', 'not-transfer'],
    ['delete', undefined, 'not-transfer'],
    ['hold', undefined, 'not-transfer'],
    [undefined, 'consent', 'not-transfer'],
  ] as const)('%s with answer %s → %s', (route, decision, expected) => {
    expect(decideOutcome({ route, decision, transferable: true })).toBe(expected);
  });

  it('never transfers an untransferable record, even with a consent or on a notice route', () => {
    expect(decideOutcome({ route: 'separate-consent', decision: 'consent', transferable: false })).toBe('not-transfer');
    expect(decideOutcome({ route: 'notice', transferable: false })).toBe('not-transfer');
  });

  it('treats a missing transferable flag like the route says (only false blocks)', () => {
    expect(decideOutcome({ route: 'notice' })).toBe('transfer');
  });
});

describe('countOutcome', () => {
  it('counts answers like the case status and noResponse only on consent routes', () => {
    const counters = emptyOutcomeCounters();
    const customers = [
      { route: 'separate-consent', decision: 'consent' },
      { route: 'separate-consent', decision: 'refuse' },
      { route: 'guardian-consent' },
      { route: 'separate-consent', decision: 'withdrawn' },
      { route: 'notice', decision: 'object' },
      { route: 'notice' },
      { route: 'delete' },
    ];
    for (const customer of customers) countOutcome(counters, customer, decideOutcome(customer));
    expect(counters).toEqual({ transfer: 2, notTransfer: 5, consented: 1, refused: 1, objected: 1, noResponse: 1 });
  });
});
