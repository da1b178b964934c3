export * from './types';
export { computeDueDate } from './due-date';
export { isWorkingDay, addWorkingDays, nextWorkingDayOnOrAfter, calendarCovers } from './working-calendar';
export { CN_CALENDAR_2026, WEEKENDS_ONLY_CALENDAR } from './calendars';
