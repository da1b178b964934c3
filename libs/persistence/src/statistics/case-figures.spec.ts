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

  it('keeps a delta produced after a recount started when the recount is folded later', () => {
    // A third party confirms (delta at 12, folded at once) while a phase-end recount that began
    // at 10 and did not see the answer is still counting; its fact is folded afterwards.
    const afterAnswer = foldFacts(initialFigures(at(0)), [
      fact('first', 5, { kind: 'delta', counters: { thirdPartiesConfirmed: 1 } }),
      fact('second', 12, { kind: 'delta', counters: { thirdPartiesConfirmed: 1 } }),
    ]);
    expect(afterAnswer.counters.thirdPartiesConfirmed).toBe(2);
    const figures = foldFacts(afterAnswer, [fact('recount', 14, { kind: 'recount', counters: { thirdPartiesConfirmed: 1 }, asOf: at(10) })]);
    expect(figures.counters.thirdPartiesConfirmed).toBe(2);
    expect(figures.recountedAt.thirdPartiesConfirmed).toBe(at(10));
  });

  it('keeps the newer of two recounts whatever order they are folded in', () => {
    const newer = foldFacts(initialFigures(at(0)), [fact('new', 21, { kind: 'recount', counters: { thirdPartiesConfirmed: 2 }, asOf: at(20) })]);
    const figures = foldFacts(newer, [fact('old', 22, { kind: 'recount', counters: { thirdPartiesConfirmed: 1 }, asOf: at(10) })]);
    expect(figures.counters.thirdPartiesConfirmed).toBe(2);
    expect(figures.recountedAt.thirdPartiesConfirmed).toBe(at(20));
  });

  it('forgets folded deltas older than the recent window', () => {
    let figures = foldFacts(initialFigures(at(0)), [fact('early', 1, { kind: 'delta', counters: { notified: 1 } })]);
    figures = foldFacts(figures, [fact('much-later', 0, { kind: 'status', status: 'running' })].map((f) => ({ ...f, at: new Date(Date.parse(at(1)) + 31 * 60_000).toISOString() })));
    expect(figures.recent).toEqual([]);
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

  it('never moves a cancelled case to another status, and keeps the phase it stopped in', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('running', 1, { kind: 'status', status: 'running' }),
      fact('phase', 2, { kind: 'phase', phase: 'consent' }),
      fact('cancelled', 3, { kind: 'status', status: 'cancelled' }),
      fact('late', 4, { kind: 'status', status: 'closed' }),
    ]);
    expect(figures).toMatchObject({ status: 'cancelled', phase: 'consent' });
  });

  it('withdraws an approval when the case is sent back before the gate, and takes the next approval', () => {
    const figures = foldFacts(initialFigures(at(0)), [
      fact('g1', 1, { kind: 'gate', gate: 'inventory', approval: { approvedBy: 'key_a', approvedAt: at(1) } }),
      fact('p1', 2, { kind: 'phase', phase: 'legal-basis' }),
      fact('reopen', 3, { kind: 'gate-reopened', gate: 'inventory' }),
      fact('p2', 4, { kind: 'phase', phase: 'inventory' }),
    ]);
    expect(figures.approvals.inventory).toBeUndefined();
    expect(gateStates({ status: 'running', phase: figures.phase, approvals: figures.approvals }).map((g) => g.state)).toEqual(['pending', 'waiting', 'waiting', 'waiting']);
    const again = foldFacts(figures, [fact('g2', 5, { kind: 'gate', gate: 'inventory', approval: { approvedBy: 'key_b', approvedAt: at(5) } })]);
    expect(again.approvals.inventory).toEqual({ approvedBy: 'key_b', approvedAt: at(5) });
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

  it('shows no gate pending on a cancelled case', () => {
    expect(state({ status: 'cancelled', phase: 'inventory', approvals: {} })).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    expect(state({ status: 'cancelled', phase: 'handover', approvals: {} })).toEqual(['approved', 'approved', 'waiting', 'waiting']);
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
