import { foldFacts, gateStates, initialFigures, type CaseFact, type FactBody } from './case-figures';
import { answerDelta } from '../answers/answer.repository';

const at = (second: number): string => new Date(Date.UTC(2026, 11, 4, 12, 0, second)).toISOString();
const fact = (id: string, second: number, body: FactBody): CaseFact =>
  ({ ...body, _id: id, caseId: 'cs_1', at: at(second) }) as CaseFact;

describe('foldFacts', () => {
  it('adds deltas, and a recount replaces only the counters it names', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('a', 1, { kind: 'delta', counters: { customers: 500 } }),
      fact('b', 2, { kind: 'delta', counters: { customers: 300, notified: 2 } }),
      fact('c', 3, { kind: 'recount', counters: { customers: 801 }, asOf: at(3) }),
    ]);
    expect(figures.counters.customers).toBe(801);
    expect(figures.counters.notified).toBe(2);
    expect(figures.updatedAt).toBe(at(3));
  });

  it('applies facts in time order whatever order they are read in', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('late', 5, { kind: 'delta', counters: { consented: 1 } }),
      fact('recount', 4, { kind: 'recount', counters: { consented: 10 }, asOf: at(4) }),
    ]);
    expect(figures.counters.consented).toBe(11);
  });

  it('ignores a delta produced before a recount that already includes it (folded later)', () => {
    const afterRecount = foldFacts(initialFigures(at(0)), [fact('r', 10, { kind: 'recount', counters: { consented: 7 }, asOf: at(9) })]);
    const figures = foldFacts(afterRecount, [
      fact('old', 8, { kind: 'delta', counters: { consented: 1, thirdParties: 1 } }),
      fact('new', 11, { kind: 'delta', counters: { consented: 1 } }),
    ]);
    expect(figures.counters.consented).toBe(8);
    expect(figures.counters.thirdParties).toBe(1); // not recounted: the delta counts
  });

  it('never lets a counter go below zero and never reopens a closed case', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('neg', 1, { kind: 'delta', counters: { noResponse: -3 } }),
      fact('closed', 2, { kind: 'status', status: 'closed' }),
      fact('phase', 3, { kind: 'phase', phase: 'deletion' }),
      fact('running', 4, { kind: 'status', status: 'running' }),
    ]);
    expect(figures.counters.noResponse).toBe(0);
    expect(figures).toMatchObject({ status: 'closed', phase: 'closed' });
  });

  it('keeps the first approval of a gate', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('g1', 1, { kind: 'gate', gate: 'inventory', approval: { approvedBy: 'key_a', approvedAt: at(1) } }),
      fact('g2', 2, { kind: 'gate', gate: 'inventory', approval: { approvedBy: 'key_b', approvedAt: at(2) } }),
    ]);
    expect(figures.approvals.inventory).toEqual({ approvedBy: 'key_a', approvedAt: at(1) });
  });
});

describe('gateStates', () => {
  const state = (figures: Parameters<typeof gateStates>[0]): string[] => gateStates(figures).map((gate) => gate.state);

  it('is all waiting for a draft', () => {
    expect(state({ status: 'draft', phase: 'opened', approvals: {} })).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
  });

  it('is pending in the gate phase until approved, approved past it', () => {
    expect(state({ status: 'running', phase: 'inventory', approvals: {} })).toEqual(['pending', 'waiting', 'waiting', 'waiting']);
    const approvals = { inventory: { approvedBy: 'k', approvedAt: at(1) } };
    expect(state({ status: 'running', phase: 'inventory', approvals })).toEqual(['approved', 'waiting', 'waiting', 'waiting']);
    expect(state({ status: 'running', phase: 'legal-basis', approvals: {} })).toEqual(['approved', 'pending', 'waiting', 'waiting']);
    expect(state({ status: 'running', phase: 'consent', approvals: {} })).toEqual(['approved', 'approved', 'waiting', 'waiting']);
    expect(state({ status: 'closed', phase: 'closed', approvals: {} })).toEqual(['approved', 'approved', 'approved', 'approved']);
  });

  it('carries who approved and when', () => {
    const [inventory] = gateStates({ status: 'running', phase: 'legal-basis', approvals: { inventory: { approvedBy: 'key_a', approvedAt: at(1) } } });
    expect(inventory).toEqual({ name: 'inventory', state: 'approved', approvedBy: 'key_a', approvedAt: at(1) });
  });
});

describe('answerDelta', () => {
  it('moves a first consent out of noResponse', () => {
    expect(answerDelta('separate-consent', undefined, 'consent')).toEqual({ consented: 1, noResponse: -1 });
  });
  it('moves a changed answer between counters', () => {
    expect(answerDelta('separate-consent', 'consent', 'withdraw')).toEqual({ consented: -1 });
    expect(answerDelta('notice', undefined, 'object')).toEqual({ objected: 1 });
    expect(answerDelta('separate-consent', 'refuse', 'consent')).toEqual({ refused: -1, consented: 1 });
  });
});
