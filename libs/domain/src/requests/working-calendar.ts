/** Working-day arithmetic over a WorkingCalendar, on UTC ISO dates. */
import { addDays, assertIsoDate, weekdayOf, type IsoDate } from '../time/date-only';
import type { WorkingCalendar } from './types';

function has(dates: ReadonlySet<IsoDate> | readonly IsoDate[], date: IsoDate): boolean {
  return dates instanceof Set ? dates.has(date) : (dates as readonly IsoDate[]).includes(date);
}

/** A date outside every source the calendar was built from: no working-day count may guess it. */
export class CalendarCoverageError extends Error {
  readonly code = 'CALENDAR_NOT_COVERED';

  constructor(
    readonly date: IsoDate,
    readonly calendarId: string,
  ) {
    super(`the working calendar ${calendarId} does not cover ${date}: load that year's official calendar (HANDOVER_CALENDAR_FILES)`);
  }
}

/** Whether `date` is a working day; throws CalendarCoverageError outside the calendar's coverage. */
export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  assertIsoDate(date);
  if (!calendarCovers(calendar, date, date)) throw new CalendarCoverageError(date, calendar.id ?? 'custom');
  if (has(calendar.extraWorkingDays, date)) return true;
  if (has(calendar.holidays, date)) return false;
  return !calendar.weekendDays.includes(weekdayOf(date) as WorkingCalendar['weekendDays'][number]);
}

/**
 * The `count`-th working day after `start`; `start` itself never counts (PRC Civil Code
 * Art. 201: the period begins the next day).
 */
export function addWorkingDays(start: IsoDate, count: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`working-day count must be a positive integer, got ${count}`);
  let date = assertIsoDate(start);
  for (let counted = 0; counted < count; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted += 1;
  }
  return date;
}

/** `date` if it is a working day, otherwise the next working day. */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let current = assertIsoDate(date);
  for (let guard = 0; !isWorkingDay(current, calendar); guard += 1) {
    if (guard > 366) throw new RangeError('calendar has no working day within a year');
    current = addDays(current, 1);
  }
  return current;
}

/** True when every date from `from` to `to` lies inside the calendar's declared coverage. */
export function calendarCovers(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): boolean {
  return !calendar.coverage || (calendar.coverage.from <= from && to <= calendar.coverage.to);
}
