/**
 * Date parsing for inventory fields and age arithmetic. Pure TypeScript (no Intl, no Node).
 *
 * Accepted: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (month and day may have one digit), YYYYMMDD,
 * YYYY年M月D日, each optionally followed by a time (`T` or spaces, then H:mm[:ss[.fff]] and an
 * optional `Z` / ±HH:mm / ±HHmm / ±HH offset) — which covers ISO datetimes and Excel's
 * 'YYYY/M/D H:mm'. Full-width digits are folded first.
 *
 * Output: 'YYYY-MM-DD' for a date, or an ISO-8601 UTC datetime ('YYYY-MM-DDTHH:mm:ss.sssZ') when a
 * time was given. A time without offset is read at `defaultOffsetMinutes` (0 = UTC unless the
 * caller says otherwise, e.g. 480 for China Standard Time).
 */

export interface ParseDateOptions {
  /** Offset east of UTC, in minutes, for datetimes that carry none. Default 0 (UTC). */
  defaultOffsetMinutes?: number;
}

const DATE_PART = String.raw`(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2})|年(\d{1,2})月(\d{1,2})日)`;
const TIME_PART = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const DATE_RE = new RegExp(`^${DATE_PART}${TIME_PART}$`, 'i');

const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseOffset(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  if (text.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Parses an inventory date; null when the text is not one of the accepted forms or not a real date. */
export function parseDate(raw: string, options: ParseDateOptions = {}): string | null {
  const text = raw.normalize('NFKC').trim();
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[3] ?? m[5] ?? m[7]);
  const day = Number(m[4] ?? m[6] ?? m[8]);
  if (!isValidCalendarDate(year, month, day)) return null;
  if (m[9] === undefined) return formatDate(year, month, day);
  const hour = Number(m[9]);
  const minute = Number(m[10]);
  const second = Number(m[11] ?? '0');
  const millis = Number((m[12] ?? '0').padEnd(3, '0').slice(0, 3));
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = parseOffset(m[13], options.defaultOffsetMinutes ?? 0);
  if (offset === null) return null;
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  local.setUTCFullYear(year);
  return new Date(local.getTime() - offset * 60_000).toISOString();
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The UTC calendar date of a Date, an ISO datetime or any form parseDate accepts. */
export function toUtcDateParts(value: string | Date): DateParts | null {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else {
    const parsed = parseDate(value);
    if (parsed === null) return null;
    date = new Date(parsed.length === 10 ? `${parsed}T00:00:00.000Z` : parsed);
  }
  if (Number.isNaN(date.getTime())) return null;
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Milliseconds since the epoch for a Date or a parseable date string (dates at 00:00 UTC). */
export function toEpochMillis(value: string | Date): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  const parsed = parseDate(value);
  if (parsed === null) return null;
  return Date.parse(parsed.length === 10 ? `${parsed}T00:00:00.000Z` : parsed);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string | Date, to: string | Date): number {
  const a = toEpochMillis(from);
  const b = toEpochMillis(to);
  if (a === null || b === null) throw new RangeError('daysBetween: unparseable date');
  return Math.floor((b - a) / MS_PER_DAY);
}

/** Completed years of age on the UTC date of `at`. */
export function ageAt(birthDate: string | Date, at: string | Date): number {
  const birth = toUtcDateParts(birthDate);
  const ref = toUtcDateParts(at);
  if (birth === null || ref === null) throw new RangeError('ageAt: unparseable date');
  const beforeBirthday = ref.month < birth.month || (ref.month === birth.month && ref.day < birth.day);
  return ref.year - birth.year - (beforeBirthday ? 1 : 0);
}

/**
 * True when the person born on `birthDate` has not yet had their `thresholdYears`th birthday on
 * the UTC date of `at` (PIPL Art. 28/31: under 14). On the birthday itself they are no longer a
 * minor. Someone born on 29 February reaches the age on 1 March in common years (the protective
 * reading). A birth date after `at` counts as a minor. Throws RangeError on unparseable input.
 */
export function isMinor(birthDate: string | Date, at: string | Date, thresholdYears = 14): boolean {
  return ageAt(birthDate, at) < thresholdYears;
}
