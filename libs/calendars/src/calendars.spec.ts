import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarCoverageError, CN_CALENDAR_2026, computeDueDate, isWorkingDay, planRequestDeadline } from '@handover/domain';
import { CalendarBook } from './calendar-book';
import { CalendarFileError, extendCalendar, readCalendarFile } from './calendar-file';
import { cnOfficialCalendar } from './cn-official';
import { euMemberStateCalendar } from './eu-member-state';

const dir = mkdtempSync(join(tmpdir(), 'calendars-'));
const file = (name: string, body: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
/** A calendar file for 2027 in the shape the State Council's notice gives (the dates here are a test's, not the notice's). */
const year2027 = { id: 'CN-2027', jurisdiction: 'CN-PIPL', source: 'test: stands in for the 2027 notice', coverage: { from: '2027-01-01', to: '2027-12-31' }, holidays: ['2027-01-01', '2027-01-04'], extraWorkingDays: ['2027-01-09'] };

describe('mainland China: the packaged official calendar', () => {
  const cn = cnOfficialCalendar();

  it('agrees day by day with the State Council notice for 2026 (国办发明电〔2025〕7号 as transcribed in CN_CALENDAR_2026)', () => {
    const disagreements = days('2026-01-01', '2026-12-31').filter((date) => isWorkingDay(date, cn) !== isWorkingDay(date, CN_CALENDAR_2026));
    expect(disagreements).toEqual([]);
  });

  it('covers whole years up to the last notice it carries, and refuses a date after it', () => {
    expect(cn.coverage).toEqual({ from: '2004-01-01', to: '2026-12-31' });
    expect(() => isWorkingDay('2027-01-04', cn)).toThrow(CalendarCoverageError);
  });

  it('a request filed on 2027-01-04 without the 2027 calendar is an error naming the date, never a weekend-only count', () => {
    expect(() => planRequestDeadline({ filedAt: new Date('2027-01-04T02:00:00Z'), jurisdiction: 'CN-PIPL', calendar: cn })).toThrow('does not cover 2027-01-05');
  });
});

describe('calendar files', () => {
  it('extend the coverage with the year they carry: its holidays and make-up days count', () => {
    const extended = extendCalendar(cnOfficialCalendar(), readCalendarFile(file('2027.json', year2027)));
    expect(extended.coverage).toEqual({ from: '2004-01-01', to: '2027-12-31' });
    expect([isWorkingDay('2027-01-04', extended), isWorkingDay('2027-01-09', extended), isWorkingDay('2027-01-05', extended)]).toEqual([false, true, true]);
    // 2026-12-31 + 15 working days: 4 Jan is a holiday in this file, Saturday 9 Jan a make-up day.
    expect(computeDueDate({ receivedAt: new Date('2026-12-31T02:00:00Z'), jurisdiction: 'CN-PIPL', calendar: extended }).dueDate).toBe('2027-01-22');
  });

  it.each([
    ['not JSON', '{', /calendar file .*bad\.json: /],
    ['a field missing', { ...year2027, source: undefined }, /: source /],
    ['a malformed date', { ...year2027, holidays: ['2027-1-1'] }, /: holidays\.0 must be an ISO date/],
    ['an unknown field', { ...year2027, note: 'x' }, /: \(root\) /],
    ['a date outside its coverage', { ...year2027, holidays: ['2028-01-01'] }, /2028-01-01 lies outside its coverage/],
  ])('refuse %s, naming the file and the field', (_, body, message) => {
    expect(() => readCalendarFile(file('bad.json', body))).toThrow(message);
  });

  it('must continue the coverage: a gap is refused', () => {
    const gap = readCalendarFile(file('2028.json', { ...year2027, id: 'CN-2028', coverage: { from: '2028-01-01', to: '2028-12-31' }, holidays: [], extraWorkingDays: [] }));
    expect(() => extendCalendar(cnOfficialCalendar(), gap)).toThrow(CalendarFileError);
  });

  it('are read from HANDOVER_CALENDAR_FILES', () => {
    const book = CalendarBook.fromEnv({ HANDOVER_CALENDAR_FILES: ` ${file('2027.json', year2027)} ` });
    expect(book.calendarFor('CN-PIPL').coverage?.to).toBe('2027-12-31');
    expect(CalendarBook.fromEnv({}).calendarFor('CN-PIPL').coverage?.to).toBe('2026-12-31');
  });
});

describe('EU member states', () => {
  it("Germany 2027 from date-holidays' rules: Good Friday and Easter Monday end no period (Reg. 1182/71 Art. 3(4))", () => {
    const de = euMemberStateCalendar('DE');
    expect([isWorkingDay('2027-03-26', de), isWorkingDay('2027-03-29', de), isWorkingDay('2027-03-30', de)]).toEqual([false, false, true]);
    // One month from 26 Feb 2027 is Good Friday 26 Mar; Saturday to Easter Monday follow: the period ends Tuesday 30 Mar.
    expect(computeDueDate({ receivedAt: new Date('2027-02-26T10:00:00Z'), jurisdiction: 'EU-GDPR', calendar: de }).dueDate).toBe('2027-03-30');
  });

  it('a case names its member state; without one only weekends count; a recorded calendar id finds it again', () => {
    const book = new CalendarBook(cnOfficialCalendar());
    expect(book.calendarFor('EU-GDPR', 'FR').id).toBe('EU-FR');
    expect(book.calendarFor('EU-GDPR').id).toBe('weekends-only');
    expect(book.recorded('EU-GDPR', 'EU-FR')).toBe(book.calendarFor('EU-GDPR', 'FR'));
    expect(book.recorded('CN-PIPL', 'CN-2004-2026').id).toBe('CN-2004-2026');
    expect(() => book.calendarFor('EU-GDPR', 'CH')).toThrow('CH is not an EU member state');
  });
});
