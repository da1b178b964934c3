import { countOutcome, decideOutcome, emptyOutcomeCounters, OUTCOME_RULES } from './outcome';

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

describe('OUTCOME_RULES (decideOutcome as database filters)', () => {
  /** The MongoDB semantics of the operators the rules use: equality, $ne, $in, $nin (a missing field is null). */
  const matches = (doc: Record<string, unknown>, where: Readonly<Record<string, unknown>>): boolean =>
    Object.entries(where).every(([field, condition]) => {
      const value = doc[field] ?? null;
      if (condition === null || typeof condition !== 'object') return value === condition;
      const op = condition as { $ne?: unknown; $in?: unknown[]; $nin?: unknown[] };
      if ('$ne' in op) return value !== op.$ne;
      if (op.$in) return op.$in.includes(value);
      if (op.$nin) return !op.$nin.includes(value);
      throw new Error(`operator not modelled: ${JSON.stringify(condition)}`);
    });

  const routes = [undefined, 'notice', 'separate-consent', 'guardian-consent', 'notice-of-change', 'delete', 'hold'];
  const decisions = [undefined, 'consent', 'refuse', 'object', 'withdrawn'];
  const transferables = [undefined, true, false];
  const candidates = routes.flatMap((route) => decisions.flatMap((decision) => transferables.map((transferable) => ({ route, decision, transferable }))));

  it.each(candidates)('gives %o exactly one rule, with the outcome decideOutcome gives', (candidate) => {
    const doc = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined));
    const matching = OUTCOME_RULES.filter((rule) => matches(doc, rule.where));
    expect(matching).toHaveLength(1);
    expect(matching[0]?.outcome).toBe(decideOutcome(candidate));
  });
});
