export * from './types';
export { computeDueDate } from './due-date';
export { isWorkingDay, addWorkingDays, nextWorkingDayOnOrAfter, calendarCovers, CalendarCoverageError } from './working-calendar';
export { CN_CALENDAR_2026, WEEKENDS_ONLY_CALENDAR } from './calendars';
export * from './request-types';
export * from './complaint-routes';
export * from './request-deadline';
export * from './corrections';
