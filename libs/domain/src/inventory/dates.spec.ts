import { ageAt, daysBetween, isMinor, isValidCalendarDate, parseDate } from './dates';

describe('parseDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024年03月05日', '2024-03-05'],
    [' 2024-03-05 ', '2024-03-05'],
    ['２０２４－０３－０５', '2024-03-05'],
    ['2000-02-29', '2000-02-29'],
  ])('reads the date %j as %s', (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });

  it.each([
    ['2024-03-05T10:20:30Z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05T10:20:30.123Z', '2024-03-05T10:20:30.123Z'],
    ['2024-03-05T10:20:30+08:00', '2024-03-05T02:20:30.000Z'],
    ['2024-03-05T01:00:00+0800', '2024-03-04T17:00:00.000Z'],
    ['2024-03-05T10:20-05:00', '2024-03-05T15:20:00.000Z'],
    ['2024/3/5 9:07', '2024-03-05T09:07:00.000Z'],
    ['2024/3/5 9:07:59', '2024-03-05T09:07:59.000Z'],
    ['2024-03-05 23:59', '2024-03-05T23:59:00.000Z'],
    ['2024年3月5日 14:30', '2024-03-05T14:30:00.000Z'],
  ])('reads the datetime %j as %s', (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });

  it('reads a datetime without offset at the default offset given', () => {
    expect(parseDate('2024/3/5 9:07', { defaultOffsetMinutes: 480 })).toBe('2024-03-05T01:07:00.000Z');
    expect(parseDate('2024-03-05T09:07:00Z', { defaultOffsetMinutes: 480 })).toBe('2024-03-05T09:07:00.000Z');
  });

  it.each([
    '',
    'yesterday',
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-03-5x',
    '2024-03/05',
    '05/03/2024',
    '24-03-05',
    '2024030',
    '2024/3/5 24:00',
    '2024/3/5 12:60',
    '2024-03-05T10:00:00+25:00',
    '2024年3月32日',
  ])('rejects %j', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });
});

describe('calendar arithmetic', () => {
  it('knows leap years', () => {
    expect(isValidCalendarDate(2000, 2, 29)).toBe(true);
    expect(isValidCalendarDate(1900, 2, 29)).toBe(false);
    expect(isValidCalendarDate(2024, 4, 31)).toBe(false);
  });

  it('counts whole days between dates and datetimes', () => {
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2024-03-01', '2024-01-01')).toBe(-60);
    expect(daysBetween('2024-01-01T12:00:00Z', new Date('2024-01-02T11:59:59Z'))).toBe(0);
    expect(() => daysBetween('nope', '2024-01-01')).toThrow(RangeError);
  });
});

describe('isMinor (under 14 by default)', () => {
  it('is a minor the day before the 14th birthday and not on it', () => {
    expect(isMinor('2010-06-15', '2024-06-14')).toBe(true);
    expect(isMinor('2010-06-15', '2024-06-15')).toBe(false);
    expect(isMinor('2010-06-15', '2024-06-16')).toBe(false);
  });

  it('uses the UTC date of a datetime reference', () => {
    expect(isMinor('2010-06-15', '2024-06-14T23:59:59Z')).toBe(true);
    expect(isMinor('2010-06-15', new Date('2024-06-15T00:00:00Z'))).toBe(false);
  });

  it('lets someone born on 29 February come of age on 1 March in a common year', () => {
    expect(isMinor('2008-02-29', '2022-02-28')).toBe(true);
    expect(isMinor('2008-02-29', '2022-03-01')).toBe(false);
    expect(isMinor('2008-02-29', '2024-02-29', 16)).toBe(false);
  });

  it('honours another threshold and counts a future birth date as a minor', () => {
    expect(isMinor('2010-06-15', '2024-06-15', 18)).toBe(true);
    expect(isMinor('2030-01-01', '2024-06-15')).toBe(true);
    expect(ageAt('1949-12-31', '2024-12-30')).toBe(74);
  });

  it('throws on an unparseable birth date instead of guessing', () => {
    expect(() => isMinor('not a date', '2024-01-01')).toThrow(RangeError);
  });
});
