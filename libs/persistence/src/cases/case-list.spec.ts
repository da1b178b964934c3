import { caseListQuery, nextDeadlineOf, searchNamesOf, toListItem } from './case-list';

describe('case list query', () => {
  it('keeps company names only, lower-cased', () => {
    expect(searchNamesOf('某某 Trading Co', undefined)).toEqual(['某某 trading co']);
    expect(searchNamesOf('A', ' ')).toEqual(['a']);
  });

  it('matches q as an escaped substring of the names, or a case-id prefix when it looks like one', () => {
    expect(caseListQuery({ q: 'cs_AbC', status: 'draft' })).toEqual({
      status: { $eq: 'draft' },
      $or: [{ _id: { $regex: '^cs_AbC' } }, { searchNames: { $regex: 'cs_abc' } }],
    });
    expect(caseListQuery({ q: 'a.*(b' })).toEqual({ $or: [{ searchNames: { $regex: 'a\\.\\*\\(b' } }] });
    expect(caseListQuery({ teamIds: ['t1'] })).toEqual({ $or: [{ team: { $in: ['t1'] } }] });
    expect(caseListQuery({ teamIds: ['default'] })).toEqual({ $or: [{ team: { $in: ['default'] } }, { team: { $exists: false } }] });
    expect(caseListQuery({ teamIds: ['t1'], q: 'acme' })).toEqual({ $and: [{ $or: [{ team: { $in: ['t1'] } }] }, { $or: [{ _id: { $regex: '^acme' } }, { searchNames: { $regex: 'acme' } }] }] });
    expect(caseListQuery({})).toEqual({});
  });

  it('gives the earliest stored deadline still ahead, or null', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(nextDeadlineOf({ noticeDeadline: '2026-07-01T00:00:00Z', consentDeadline: '2026-06-15T00:00:00Z' }, now)?.toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(nextDeadlineOf({ noticeDeadline: '2026-05-01T00:00:00Z', consentDeadline: '2026-07-01T00:00:00Z' }, now)?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(nextDeadlineOf({ noticeDeadline: '2026-05-01T00:00:00Z' }, now)).toBeNull();
    expect(nextDeadlineOf(undefined, now)).toBeNull();
  });

  it('gives a cancelled case no next deadline', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const doc = {
      _id: 'cs_1', kind: 'merger', jurisdiction: 'CN-PIPL', phase: 'consent', createdAt: now, transferor: { name: 'A' },
      notification: { noticeDeadline: '2026-07-01T00:00:00Z', consentDeadline: '2026-06-15T00:00:00Z' },
    };
    expect(toListItem({ ...doc, status: 'running' } as Parameters<typeof toListItem>[0], now).nextDeadline?.toISOString()).toBe('2026-06-15T00:00:00.000Z');
    expect(toListItem({ ...doc, status: 'cancelled' } as Parameters<typeof toListItem>[0], now).nextDeadline).toBeNull();
  });
});
