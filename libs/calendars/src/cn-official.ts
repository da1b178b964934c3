import type { WorkingCalendar } from '@handover/domain';
import data from 'chinese-days/dist/chinese-days.json';

/** The package that carries the State Council's yearly holiday notices (国务院办公厅部分节假日安排的通知). */
export const CN_SOURCE = 'chinese-days (the State Council General Office notices on holiday arrangements, one per year)';

const yearsOf = (dates: readonly string[]): number[] => [...new Set(dates.map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);

/**
 * Mainland China's official working calendar from the `chinese-days` data: statutory holidays and
 * the make-up working days (调休上班) of every year it carries. Coverage runs from the first to the
 * last whole year in the data; later years come from a calendar file (calendar-file.ts) once the
 * State Council publishes them.
 */
export function cnOfficialCalendar(): WorkingCalendar {
  const holidays = Object.keys(data.holidays);
  const extraWorkingDays = Object.keys(data.workdays);
  const years = yearsOf(holidays);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new Error('chinese-days carries no holidays');
  return {
    id: `CN-${first}-${last}`,
    weekendDays: [0, 6],
    holidays: new Set(holidays),
    extraWorkingDays: new Set(extraWorkingDays),
    coverage: { from: `${first}-01-01`, to: `${last}-12-31` },
  };
}
