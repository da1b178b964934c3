/**
 * Default working calendars. Calendars are configuration: organisations load their own (and the
 * next year's, once the State Council publishes it) into a WorkingCalendar.
 */
import type { WorkingCalendar } from './types';

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Mainland China 2026, from the State Council General Office notice on the 2026 holiday
 * arrangements (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025).
 */
export const CN_CALENDAR_2026: WorkingCalendar = Object.freeze<WorkingCalendar>({
  id: 'CN-2026',
  weekendDays: [0, 6],
  holidays: Object.freeze([
    ...range('2026-01-01', '2026-01-03'), // 元旦
    ...range('2026-02-15', '2026-02-23'), // 春节
    ...range('2026-04-04', '2026-04-06'), // 清明节
    ...range('2026-05-01', '2026-05-05'), // 劳动节
    ...range('2026-06-19', '2026-06-21'), // 端午节
    ...range('2026-09-25', '2026-09-27'), // 中秋节
    ...range('2026-10-01', '2026-10-07'), // 国庆节
  ]),
  extraWorkingDays: Object.freeze(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
  coverage: Object.freeze({ from: '2026-01-01', to: '2026-12-31' }),
});

/** Saturdays and Sundays only; member-state public holidays are configuration. */
export const WEEKENDS_ONLY_CALENDAR: WorkingCalendar = Object.freeze<WorkingCalendar>({
  id: 'weekends-only',
  weekendDays: [0, 6],
  holidays: Object.freeze([]),
  extraWorkingDays: Object.freeze([]),
});
