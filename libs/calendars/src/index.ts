export { CalendarBook, calendars } from './calendar-book';
export { calendarFileSchema, CalendarFileError, extendCalendar, readCalendarFile, type CalendarFile } from './calendar-file';
export { cnOfficialCalendar, CN_SOURCE } from './cn-official';
export { EU_MEMBER_STATES, euMemberStateCalendar, isEuMemberState, type EuMemberState } from './eu-member-state';
