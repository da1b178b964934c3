/**
 * ISO-8601 durations with a fixed length (weeks, days, hours, minutes, seconds).
 *
 * Months and years are rejected: their length depends on the start date, so they cannot be
 * turned into milliseconds. Calendar-month periods (GDPR Art. 12(3)) use `addMonthsClamped`
 * in `date-only.ts` instead. Days are 24 h (UTC, no daylight saving).
 *
 * Pure TypeScript: safe inside Temporal workflows.
 */

const MS = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1_000 } as const;

/** P[nW][nD][T[nH][nM][n(.n)S]]; only the seconds may carry a fraction. */
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export class DurationFormatError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid ISO-8601 duration "${input}": ${reason}`);
    this.name = 'DurationFormatError';
  }
}

/** Milliseconds in an ISO-8601 duration: `parseDuration('PT5S') === 5000`. Throws DurationFormatError. */
export function parseDuration(input: string): number {
  if (typeof input !== 'string') throw new DurationFormatError(String(input), 'not a string');
  const text = input.trim().toUpperCase();
  const match = PATTERN.exec(text);
  if (!match) {
    const datePart = text.split('T')[0] ?? '';
    const hasCalendarPart = /^P(?:\d+[YMWD])*$/.test(datePart) && /[YM]/.test(datePart);
    throw new DurationFormatError(
      input,
      hasCalendarPart
        ? 'years and months have no fixed length; express the period in weeks or days (e.g. P30D)'
        : 'expected P[nW][nD][T[nH][nM][nS]], e.g. P30D, PT4H, P1DT12H, PT5S',
    );
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  if ([weeks, days, hours, minutes, seconds].every((part) => part === undefined)) {
    throw new DurationFormatError(input, 'no component given');
  }
  if (text.endsWith('T')) throw new DurationFormatError(input, '"T" must be followed by a time component');
  const total =
    Number(weeks ?? 0) * MS.W +
    Number(days ?? 0) * MS.D +
    Number(hours ?? 0) * MS.H +
    Number(minutes ?? 0) * MS.M +
    Math.round(Number((seconds ?? '0').replace(',', '.')) * MS.S);
  if (!Number.isSafeInteger(total)) throw new DurationFormatError(input, 'too large');
  return total;
}

/** True when `parseDuration` would accept the text. */
export function isValidDuration(input: string): boolean {
  try {
    parseDuration(input);
    return true;
  } catch {
    return false;
  }
}

/** `start` plus an ISO-8601 duration, as a new Date. */
export function addDuration(start: Date, duration: string): Date {
  return new Date(start.getTime() + parseDuration(duration));
}
