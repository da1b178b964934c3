import { calendarSchema, loadConfig } from '@handover/config';
import { WEEKENDS_ONLY_CALENDAR, type Jurisdiction, type WorkingCalendar } from '@handover/domain';
import { extendCalendar, readCalendarFile } from './calendar-file';
import { cnOfficialCalendar } from './cn-official';
import { euMemberStateCalendar, isEuMemberState } from './eu-member-state';

/**
 * The working calendars a process uses: mainland China's official one (packaged data, extended by
 * the calendar files named in `HANDOVER_CALENDAR_FILES`, comma-separated) and the EU member
 * states' (built on first use). An EU case without a member state counts weekends only.
 */
export class CalendarBook {
  private readonly eu = new Map<string, WorkingCalendar>();

  constructor(private readonly cn: WorkingCalendar) {}

  static fromFiles(paths: readonly string[]): CalendarBook {
    return new CalendarBook(paths.reduce((calendar, path) => extendCalendar(calendar, readCalendarFile(path)), cnOfficialCalendar()));
  }

  static fromEnv(env?: NodeJS.ProcessEnv): CalendarBook {
    const { HANDOVER_CALENDAR_FILES: files } = loadConfig(calendarSchema, env);
    return CalendarBook.fromFiles(files.split(',').map((path) => path.trim()).filter(Boolean));
  }

  /** The calendar a case's deadlines run on; `memberState` (ISO 3166-1 alpha-2) for EU cases. */
  calendarFor(jurisdiction: Jurisdiction, memberState?: string): WorkingCalendar {
    if (jurisdiction !== 'EU-GDPR') return this.cn;
    if (!memberState) return WEEKENDS_ONLY_CALENDAR;
    if (!isEuMemberState(memberState)) throw new RangeError(`${memberState} is not an EU member state`);
    let calendar = this.eu.get(memberState);
    if (!calendar) {
      calendar = euMemberStateCalendar(memberState);
      this.eu.set(memberState, calendar);
    }
    return calendar;
  }

  /** The calendar a request was filed on, from the id recorded with it (`EU-DE` names its state). */
  recorded(jurisdiction: Jurisdiction, calendarId: string): WorkingCalendar {
    const state = /^EU-([A-Z]{2})$/.exec(calendarId)?.[1];
    return this.calendarFor(jurisdiction, state !== undefined && isEuMemberState(state) ? state : undefined);
  }
}

let shared: CalendarBook | undefined;

/** The process's calendar book, read from the environment once. */
export function calendars(): CalendarBook {
  shared ??= CalendarBook.fromEnv();
  return shared;
}
