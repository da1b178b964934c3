import { decideAnswer, deadlineFor, offeredDecisions, answerScopeOf, type AnswerVerdict } from './answer-rules';
import type { AnswerDecision, CustomerDecision } from './answer.entity';

const deadlines = { noticeDeadline: '2026-03-01T00:00:00.000Z', consentDeadline: '2026-04-01T00:00:00.000Z' };
const before = new Date('2026-02-01T00:00:00.000Z');
const betweenDeadlines = new Date('2026-03-15T00:00:00.000Z');
const after = new Date('2026-05-01T00:00:00.000Z');

const ask = (route: string | undefined, requested: AnswerDecision, current?: CustomerDecision, now = before): AnswerVerdict =>
  decideAnswer({ route, current, requested, deadlines, now });
const code = (verdict: AnswerVerdict): string => (verdict.kind === 'reject' ? verdict.code : verdict.kind);

describe('answer rules (docs/legal.md §3)', () => {
  it.each(['separate-consent', 'guardian-consent'])('accepts consent and refusal on the consent route %s, with the route as scope', (route) => {
    expect(ask(route, 'consent')).toEqual({ kind: 'record', next: 'consent', scope: route });
    expect(ask(route, 'refuse')).toEqual({ kind: 'record', next: 'refuse', scope: route });
  });

  it.each(['notice', 'notice-of-change'])('accepts only an objection on the notice route %s', (route) => {
    expect(ask(route, 'object')).toEqual({ kind: 'record', next: 'object', scope: route });
    for (const wrong of ['consent', 'refuse', 'withdraw'] as const) expect(code(ask(route, wrong))).toBe('WRONG_DECISION_FOR_ROUTE');
  });

  it('refuses an objection on a consent route', () => {
    expect(code(ask('separate-consent', 'object'))).toBe('WRONG_DECISION_FOR_ROUTE');
  });

  it.each([undefined, 'delete', 'hold', 'something-else'])('expects no answer on route %s', (route) => {
    expect(code(ask(route, 'object'))).toBe('NO_ANSWER_EXPECTED');
    expect(code(ask(route, 'consent'))).toBe('NO_ANSWER_EXPECTED');
  });

  it('treats a repeated identical answer as unchanged, even after the deadline', () => {
    expect(ask('separate-consent', 'consent', 'consent')).toEqual({ kind: 'unchanged', current: 'consent' });
    expect(ask('notice', 'object', 'object', after)).toEqual({ kind: 'unchanged', current: 'object' });
    expect(ask('separate-consent', 'withdraw', 'withdrawn', after)).toEqual({ kind: 'unchanged', current: 'withdrawn' });
  });

  it('lets a customer who refused consent later (their choice)', () => {
    expect(ask('separate-consent', 'consent', 'refuse')).toMatchObject({ kind: 'record', next: 'consent' });
  });

  it('withdraws a standing consent into `withdrawn`, and only a standing consent', () => {
    expect(ask('guardian-consent', 'withdraw', 'consent')).toMatchObject({ kind: 'record', next: 'withdrawn' });
    expect(code(ask('guardian-consent', 'withdraw'))).toBe('NOTHING_TO_WITHDRAW');
    expect(code(ask('guardian-consent', 'withdraw', 'refuse'))).toBe('NOTHING_TO_WITHDRAW');
  });

  it('asks for a withdrawal, not a refusal, once consent was given', () => {
    expect(code(ask('separate-consent', 'refuse', 'consent'))).toBe('CONSENT_GIVEN');
  });

  it('applies the consent deadline to consent routes and the notice deadline to notice routes', () => {
    expect(deadlineFor('separate-consent', deadlines)).toBe(deadlines.consentDeadline);
    expect(deadlineFor('notice-of-change', deadlines)).toBe(deadlines.noticeDeadline);
    expect(deadlineFor('delete', deadlines)).toBeNull();
    expect(deadlineFor('notice', null)).toBeNull();
    // Between the two deadlines: a notice route is closed, a consent route still open.
    expect(code(ask('notice', 'object', undefined, betweenDeadlines))).toBe('DEADLINE_PASSED');
    expect(code(ask('separate-consent', 'consent', undefined, betweenDeadlines))).toBe('record');
    expect(code(ask('separate-consent', 'consent', undefined, after))).toBe('DEADLINE_PASSED');
    expect(code(ask('separate-consent', 'withdraw', 'consent', after))).toBe('DEADLINE_PASSED');
  });

  it('accepts answers while no deadline is recorded yet', () => {
    expect(decideAnswer({ route: 'notice', current: undefined, requested: 'object', deadlines: null, now: after }).kind).toBe('record');
  });

  it('counts the deadline instant itself as passed', () => {
    expect(code(ask('notice', 'object', undefined, new Date(deadlines.noticeDeadline)))).toBe('DEADLINE_PASSED');
  });

  it('offers the page only the answers the rules would record', () => {
    const consentDeadline = deadlines.consentDeadline;
    expect(offeredDecisions('separate-consent', undefined, consentDeadline, before)).toEqual(['consent', 'refuse']);
    expect(offeredDecisions('separate-consent', 'consent', consentDeadline, before)).toEqual(['withdraw']);
    expect(offeredDecisions('separate-consent', 'refuse', consentDeadline, before)).toEqual(['consent']);
    expect(offeredDecisions('notice', undefined, deadlines.noticeDeadline, before)).toEqual(['object']);
    expect(offeredDecisions('notice', 'object', deadlines.noticeDeadline, before)).toEqual([]);
    expect(offeredDecisions('separate-consent', undefined, consentDeadline, after)).toEqual([]);
    expect(offeredDecisions('delete', undefined, null, before)).toEqual([]);
  });

  it('maps only answer routes to scopes', () => {
    expect(answerScopeOf('guardian-consent')).toBe('guardian-consent');
    expect(answerScopeOf('toString')).toBeNull();
    expect(answerScopeOf(null)).toBeNull();
  });
});
