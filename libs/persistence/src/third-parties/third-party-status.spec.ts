import { deriveThirdPartyStatus, isLateAnswer, sameAnswer, statusOfAnswer, summarizeStatuses } from './third-party-status';

describe('third-party status (docs/legal.md §4: sending is not completion)', () => {
  it('shows the workflow-written state while there is no answer', () => {
    expect(deriveThirdPartyStatus({ stored: 'pending' })).toBe('pending');
    expect(deriveThirdPartyStatus({ stored: 'requested', answerKind: null })).toBe('requested');
    expect(deriveThirdPartyStatus({ stored: 'overdue' })).toBe('overdue');
  });

  it('lets the answer win over an overdue written around the same time', () => {
    expect(deriveThirdPartyStatus({ stored: 'overdue', answerKind: 'deleted' })).toBe('confirmed');
    expect(deriveThirdPartyStatus({ stored: 'requested', answerKind: 'not-held' })).toBe('confirmed');
    expect(deriveThirdPartyStatus({ stored: 'overdue', answerKind: 'exception' })).toBe('exception');
    expect(deriveThirdPartyStatus({ stored: 'requested', answerKind: 'legal-hold' })).toBe('confirmed');
  });

  it('never reports a confirmation that has no answer behind it', () => {
    expect(deriveThirdPartyStatus({ stored: 'confirmed' })).toBe('requested');
    expect(deriveThirdPartyStatus({ stored: 'exception' })).toBe('requested');
  });

  it('maps answer kinds to statuses', () => {
    expect(statusOfAnswer('deleted')).toBe('confirmed');
    expect(statusOfAnswer('exception')).toBe('exception');
  });

  it('counts an answer at or after the due time as late, and none without a due time', () => {
    const due = new Date('2026-04-01T00:00:00.000Z');
    expect(isLateAnswer(new Date('2026-03-31T23:59:59.999Z'), due)).toBe(false);
    expect(isLateAnswer(due, due)).toBe(true);
    expect(isLateAnswer(new Date('2026-04-02T00:00:00.000Z'), due)).toBe(true);
    expect(isLateAnswer(new Date('2030-01-01T00:00:00.000Z'), null)).toBe(false);
  });

  it('recognises a repeated answer, and a different one', () => {
    expect(sameAnswer({ kind: 'deleted', deletedAt: '2026-03-01' }, { kind: 'deleted', deletedAt: '2026-03-01' })).toBe(true);
    expect(sameAnswer({ kind: 'deleted', deletedAt: '2026-03-01' }, { kind: 'deleted', deletedAt: '2026-03-02' })).toBe(false);
    expect(sameAnswer({ kind: 'deleted' }, { kind: 'not-held' })).toBe(false);
  });

  it('summarises for the workflow: answered, unanswered, overdue, late', () => {
    const summary = summarizeStatuses([
      { status: 'confirmed', late: false },
      { status: 'confirmed', late: true },
      { status: 'exception', late: false },
      { status: 'overdue', late: false },
      { status: 'requested', late: false },
      { status: 'pending', late: false },
    ]);
    expect(summary).toEqual({ total: 6, confirmed: 2, exceptions: 1, overdue: 1, late: 1, pending: 1, unanswered: 3 });
    expect(summarizeStatuses([])).toEqual({ total: 0, confirmed: 0, exceptions: 0, overdue: 0, late: 0, pending: 0, unanswered: 0 });
  });
});
