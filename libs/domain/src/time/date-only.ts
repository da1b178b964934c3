/**
 * Date-only arithmetic on ISO calendar dates (`YYYY-MM-DD`), always in UTC.
 * No local time zone is ever consulted, so results are identical on every machine and in
 * Temporal workflows.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Throws RangeError unless `value` is a real calendar date `YYYY-MM-DD`. */
export function assertIsoDate(value: string): IsoDate {
  const match = ISO_DATE.exec(value);
  if (match) {
    const [, y, m, d] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)) {
      return value;
    }
  }
  throw new RangeError(`Invalid ISO date "${value}" (expected YYYY-MM-DD)`);
}

/** The UTC calendar date of an instant. */
export function toIsoDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  return instant.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of the date. */
export function isoDateToUtc(date: IsoDate): Date {
  return new Date(`${assertIsoDate(date)}T00:00:00.000Z`);
}

/** The last millisecond of the date in UTC (a deadline "by the end of that day"). */
export function endOfIsoDateUtc(date: IsoDate): Date {
  return new Date(isoDateToUtc(date).getTime() + DAY_MS - 1);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(isoDateToUtc(date).getTime() + days * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return isoDateToUtc(date).getUTCDay();
}

/**
 * Same day of the month, `months` later; when that month is shorter, its last day
 * (2026-01-31 + 1 month = 2026-02-28), as in Regulation 1182/71 Art. 3(2)(c).
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const start = isoDateToUtc(date);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toIsoDate(new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay))));
}

/** Adds whole calendar years; 29 February falls back to 28 February. */
export function addYearsClamped(date: IsoDate, years: number): IsoDate {
  return addMonthsClamped(date, years * 12);
}
