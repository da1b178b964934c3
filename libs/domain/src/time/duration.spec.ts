import { addMonthsClamped, assertIsoDate, endOfIsoDateUtc, toIsoDate } from './date-only';
import { addDuration, DurationFormatError, isValidDuration, parseDuration } from './duration';

describe('parseDuration (ISO-8601)', () => {
  it.each([
    ['PT5S', 5_000],
    ['PT0.5S', 500],
    ['PT1M', 60_000],
    ['PT4H', 4 * 3_600_000],
    ['PT72H', 72 * 3_600_000],
    ['P30D', 30 * 86_400_000],
    ['P1W', 7 * 86_400_000],
    ['P2W3D', 17 * 86_400_000],
    ['P1DT2H3M4S', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000],
    ['pt5s', 5_000],
    ['P0D', 0],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['P1M', 'P1Y', 'P1Y2M3D', 'P2MT1H'])('%s is rejected: months and years have no fixed length', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationFormatError);
    expect(() => parseDuration(text)).toThrow(/years and months/);
  });

  it.each(['', 'P', 'PT', 'P1DT', '5S', 'PT-5S', 'P1.5D', 'P1S', 'PT1D', '1 day'])('"%s" is rejected as malformed', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationFormatError);
    expect(isValidDuration(text)).toBe(false);
  });

  it('addDuration adds to an instant', () => {
    expect(addDuration(new Date('2026-01-01T00:00:00Z'), 'P1DT1H').toISOString()).toBe('2026-01-02T01:00:00.000Z');
  });
});

describe('date-only helpers (UTC)', () => {
  it('addMonthsClamped clamps to the end of a shorter month, leap years included', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-15', 1)).toBe('2026-04-15');
  });

  it('assertIsoDate rejects impossible dates; toIsoDate uses the UTC date', () => {
    expect(() => assertIsoDate('2026-02-29')).toThrow(RangeError);
    expect(() => assertIsoDate('2026-1-5')).toThrow(RangeError);
    expect(toIsoDate(new Date('2026-01-05T01:00:00+08:00'))).toBe('2026-01-04');
    expect(endOfIsoDateUtc('2026-01-05').toISOString()).toBe('2026-01-05T23:59:59.999Z');
  });
});
