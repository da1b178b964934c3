import type { Jurisdiction, RuleReason } from '../rules/types';
import type { IsoDate } from '../time/date-only';

/** 0 = Sunday … 6 = Saturday (UTC). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Which dates are working days. Plain data (arrays serialise into Temporal payloads; Sets are
 * accepted too). Precedence: extra working day > holiday > weekend.
 */
export interface WorkingCalendar {
  id?: string;
  weekendDays: readonly Weekday[];
  /** Public holidays, ISO dates. */
  holidays: ReadonlySet<IsoDate> | readonly IsoDate[];
  /** Make-up working days (调休上班) that fall on a weekend, ISO dates. */
  extraWorkingDays: ReadonlySet<IsoDate> | readonly IsoDate[];
  /** Dates for which holidays are known; a date outside it is an error (CalendarCoverageError), never a weekend-only guess. */
  coverage?: { from: IsoDate; to: IsoDate };
}

export interface DueDateInput {
  receivedAt: Date;
  jurisdiction: Jurisdiction;
  calendar: WorkingCalendar;
  /** EU: the two-month extension of GDPR Art. 12(3) was notified within the first month. */
  extended?: boolean;
  /** Overrides the pack's working-day count (CN default 15). */
  workingDays?: number;
}

export interface DueDate {
  /** Last day (UTC) on which the answer is on time. */
  dueDate: IsoDate;
  /** The end of that day, 23:59:59.999 UTC. */
  dueAt: Date;
  reasons: RuleReason[];
  /** E.g. an option the jurisdiction ignores. */
  warnings: string[];
}
