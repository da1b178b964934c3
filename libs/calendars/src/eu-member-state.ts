import type { WorkingCalendar } from '@handover/domain';
import Holidays from 'date-holidays';

export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
export type EuMemberState = (typeof EU_MEMBER_STATES)[number];

/** The years a member-state calendar holds: date-holidays computes them from its rules. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

export const isEuMemberState = (value: string): value is EuMemberState => (EU_MEMBER_STATES as readonly string[]).includes(value);

/**
 * A member state's national public holidays (type `public`, no regional ones) from the
 * `date-holidays` rules, Saturdays and Sundays off: the days on which a period under Regulation
 * 1182/71 Art. 3(4) does not end. Built once per state.
 */
export function euMemberStateCalendar(state: EuMemberState): WorkingCalendar {
  const rules = new Holidays(state);
  const holidays = new Set<string>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    for (const holiday of rules.getHolidays(year)) if (holiday.type === 'public') holidays.add(holiday.date.slice(0, 10));
  }
  return {
    id: `EU-${state}`,
    weekendDays: [0, 6],
    holidays,
    extraWorkingDays: new Set<string>(),
    coverage: { from: `${FIRST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` },
  };
}
