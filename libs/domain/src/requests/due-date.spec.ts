import { CN_CALENDAR_2026, WEEKENDS_ONLY_CALENDAR } from './calendars';
import { computeDueDate } from './due-date';
import { addWorkingDays, CalendarCoverageError, isWorkingDay } from './working-calendar';
import type { WorkingCalendar } from './types';

const cnDue = (receivedAt: string, extra: { workingDays?: number; extended?: boolean; calendar?: WorkingCalendar } = {}) =>
  computeDueDate({ receivedAt: new Date(receivedAt), jurisdiction: 'CN-PIPL', calendar: extra.calendar ?? CN_CALENDAR_2026, ...extra });
const euDue = (receivedAt: string, extended = false) =>
  computeDueDate({ receivedAt: new Date(receivedAt), jurisdiction: 'EU-GDPR', calendar: WEEKENDS_ONLY_CALENDAR, extended });

describe('CN 2026 working calendar', () => {
  it.each([
    ['2026-01-01', false], // 元旦, Thursday
    ['2026-01-04', true], // make-up Sunday
    ['2026-02-14', true], // make-up Saturday before 春节
    ['2026-02-16', false], // 春节, Monday
    ['2026-02-28', true], // make-up Saturday after 春节
    ['2026-03-07', false], // ordinary Saturday
    ['2026-04-06', false], // 清明, Monday
    ['2026-05-05', false], // 劳动节, Tuesday
    ['2026-05-09', true], // make-up Saturday
    ['2026-06-19', false], // 端午, Friday
    ['2026-09-25', false], // 中秋, Friday
    ['2026-10-07', false], // 国庆, Wednesday
    ['2026-10-10', true], // make-up Saturday
    ['2026-10-12', true], // ordinary Monday
  ])('%s working day: %s', (date, working) => {
    expect(isWorkingDay(date, CN_CALENDAR_2026)).toBe(working);
  });

  it('the receipt day never counts (PRC Civil Code Art. 201)', () => {
    expect(addWorkingDays('2026-01-05', 1, CN_CALENDAR_2026)).toBe('2026-01-06');
    expect(() => addWorkingDays('2026-01-05', 0, CN_CALENDAR_2026)).toThrow(RangeError);
  });
});

describe('computeDueDate, CN-PIPL (15 working days)', () => {
  it('GB/T 35273 §8.5: a request received Monday 2026-01-05 is due 2026-01-26 at the end of the UTC day', () => {
    const due = cnDue('2026-01-05T09:00:00Z');
    expect(due.dueDate).toBe('2026-01-26');
    expect(due.dueAt.toISOString()).toBe('2026-01-26T23:59:59.999Z');
    expect(due.reasons[0]).toMatchObject({ ruleId: 'cn-pipl.request.sla', article: expect.stringContaining('PIPL Art. 45') });
    expect(due.warnings).toEqual([]);
  });

  it('GB/T 35273 §8.5: National Day inside the window pushes the date out; the make-up Saturday counts', () => {
    expect(cnDue('2026-09-28T02:00:00Z').dueDate).toBe('2026-10-23');
    expect(cnDue('2026-09-28T02:00:00Z', { calendar: WEEKENDS_ONLY_CALENDAR }).dueDate).toBe('2026-10-19');
  });

  it('GB/T 35273 §8.5: Spring Festival with make-up Saturdays on both sides', () => {
    expect(cnDue('2026-02-13T02:00:00Z').dueDate).toBe('2026-03-12');
    const noMakeUp: WorkingCalendar = { ...CN_CALENDAR_2026, extraWorkingDays: [] };
    expect(cnDue('2026-02-13T02:00:00Z', { calendar: noMakeUp }).dueDate).toBe('2026-03-16');
  });

  it('GB/T 35273 §8.5: the working-day count is configurable (1 day over Qingming)', () => {
    expect(cnDue('2026-04-03T02:00:00Z', { workingDays: 1 }).dueDate).toBe('2026-04-07');
  });

  it('GB/T 35273 §8.5: the receipt date is the UTC date (01:00 Beijing time is the previous UTC day)', () => {
    expect(cnDue('2026-01-05T01:00:00+08:00').dueDate).toBe('2026-01-23');
  });

  it('PIPL Art. 45: no extension exists in CN; extended is ignored with a warning', () => {
    const due = cnDue('2026-01-05T09:00:00Z', { extended: true });
    expect(due.dueDate).toBe('2026-01-26');
    expect(due.warnings[0]).toContain('no extension');
  });

  it('GB/T 35273 §8.5: a window leaving the calendar coverage is an error naming the first day no source covers', () => {
    expect(() => cnDue('2026-12-20T02:00:00Z')).toThrow(CalendarCoverageError);
    expect(() => cnDue('2026-12-20T02:00:00Z')).toThrow('the working calendar CN-2026 does not cover 2027-01-01');
    expect(() => isWorkingDay('2025-12-31', CN_CALENDAR_2026)).toThrow(CalendarCoverageError);
  });

  it('GB/T 35273 §8.5: an invalid receipt date is rejected', () => {
    expect(() => cnDue('not a date')).toThrow(RangeError);
  });
});

describe('computeDueDate, EU-GDPR (1 month, +2 when extended)', () => {
  it('GDPR Art. 12(3): one month later, same date', () => {
    const due = euDue('2026-03-10T12:00:00Z');
    expect(due.dueDate).toBe('2026-04-10');
    expect(due.reasons[0]).toMatchObject({ ruleId: 'eu-gdpr.request.sla', article: 'GDPR Art. 12(3)' });
  });

  it('GDPR Art. 12(3) + Reg. 1182/71 Art. 3: 31 January → 28 February (a Saturday) → Monday 2 March', () => {
    const due = euDue('2026-01-31T12:00:00Z');
    expect(due.dueDate).toBe('2026-03-02');
    expect(due.reasons.map((r) => r.ruleId)).toContain('eu-gdpr.request.sla.next-working-day');
  });

  it('GDPR Art. 12(3): extended by two further months', () => {
    const due = euDue('2026-03-10T12:00:00Z', true);
    expect(due.dueDate).toBe('2026-06-10');
    expect(due.reasons.map((r) => r.ruleId)).toEqual(['eu-gdpr.request.sla', 'eu-gdpr.request.sla.extension']);
  });

  it('GDPR Art. 12(3): the extension runs from the end of the first month (31 Jan → 28 Feb → 28 Apr)', () => {
    expect(euDue('2026-01-31T12:00:00Z', true).dueDate).toBe('2026-04-28');
  });

  it('GDPR Art. 12(3): member-state holidays in the calendar move a due date that falls on them', () => {
    const calendar: WorkingCalendar = { ...WEEKENDS_ONLY_CALENDAR, holidays: new Set(['2026-04-10']) };
    const due = computeDueDate({ receivedAt: new Date('2026-03-10T12:00:00Z'), jurisdiction: 'EU-GDPR', calendar });
    expect(due.dueDate).toBe('2026-04-13');
  });
});
