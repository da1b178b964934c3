/**
 * The due date of one data-subject request: the jurisdiction's SLA on its working calendar, or a
 * case policy override (`requestDeadline`, an ISO-8601 duration: organisations with a shorter internal
 * target, and tests with `PT5S`). Also the reminder instant and the one extension.
 */
import type { Jurisdiction, RuleReason } from '../rules/types';
import { addDuration, parseDuration } from '../time/duration';
import { endOfIsoDateUtc, toIsoDate, type IsoDate } from '../time/date-only';
import { computeDueDate } from './due-date';
import type { WorkingCalendar } from './types';
import { addWorkingDays } from './working-calendar';

export interface RequestDeadline {
  /** Last day (UTC) on which the answer is on time. */
  dueDate: IsoDate;
  /** ISO instant: end of dueDate, or filedAt + the override. */
  dueAt: string;
  /** ISO instant at 75% of the window: the case manager is reminded then. */
  remindAt: string;
  reasons: RuleReason[];
  warnings: string[];
  calendarId: string;
}

export interface RequestDeadlineInput {
  filedAt: Date;
  jurisdiction: Jurisdiction;
  /** The case's working calendar (libs/calendars chooses it: CN official, an EU member state's). */
  calendar: WorkingCalendar;
  /** Case policy `requestDeadline` (ISO-8601 duration); overrides the profile when given. */
  override?: string;
}

const REMIND_FRACTION = 0.75;

function remindBetween(from: Date, dueAt: Date): string {
  return new Date(from.getTime() + Math.floor((dueAt.getTime() - from.getTime()) * REMIND_FRACTION)).toISOString();
}

export function planRequestDeadline(input: RequestDeadlineInput): RequestDeadline {
  const calendar = input.calendar;
  const calendarId = calendar.id ?? 'custom';
  if (input.override !== undefined) {
    parseDuration(input.override); // throws DurationFormatError on a malformed value
    const dueAt = addDuration(input.filedAt, input.override);
    return {
      dueDate: toIsoDate(dueAt),
      dueAt: dueAt.toISOString(),
      remindAt: remindBetween(input.filedAt, dueAt),
      reasons: [{ ruleId: 'policy.request-deadline', article: 'case policy requestDeadline', summary: `${input.override} after filing` }],
      warnings: [],
      calendarId,
    };
  }
  const due = computeDueDate({ receivedAt: input.filedAt, jurisdiction: input.jurisdiction, calendar });
  return { dueDate: due.dueDate, dueAt: due.dueAt.toISOString(), remindAt: remindBetween(input.filedAt, due.dueAt), reasons: due.reasons, warnings: due.warnings, calendarId };
}

export interface ExtensionInput extends RequestDeadlineInput {
  /** The current due date (extension runs from it). */
  current: RequestDeadline;
  /** When the extension is decided (the reminder is planned from here). */
  at: Date;
}

/**
 * The one extension. EU: the two further months of GDPR Art. 12(3). CN: PIPL has none; the product
 * allows one further 15 working days after the current due date (GB/T 35273 §8.7's 30-day
 * benchmark), with the reason sent to the customer. Override: the duration once more.
 */
export function extendRequestDeadline(input: ExtensionInput): RequestDeadline {
  const calendar = input.calendar;
  const calendarId = calendar.id ?? 'custom';
  let dueAt: Date;
  let reason: RuleReason;
  if (input.override !== undefined) {
    dueAt = addDuration(new Date(input.current.dueAt), input.override);
    reason = { ruleId: 'policy.request-deadline.extension', article: 'case policy requestDeadline', summary: `extended by ${input.override}` };
  } else if (input.jurisdiction === 'EU-GDPR') {
    const due = computeDueDate({ receivedAt: input.filedAt, jurisdiction: input.jurisdiction, calendar, extended: true });
    dueAt = due.dueAt;
    reason = due.reasons.find((r) => r.ruleId.endsWith('.extension')) ?? { ruleId: 'eu-gdpr.request.sla.extension', article: 'GDPR Art. 12(3)', summary: 'extended by 2 months' };
  } else {
    const date = addWorkingDays(input.current.dueDate, 15, calendar);
    dueAt = endOfIsoDateUtc(date);
    reason = { ruleId: 'cn-pipl.request.sla.extension', article: 'GB/T 35273 §8.7 (product default: one further 15 working days)', summary: `extended by 15 working days after ${input.current.dueDate}` };
  }
  return {
    dueDate: toIsoDate(dueAt),
    dueAt: dueAt.toISOString(),
    remindAt: remindBetween(input.at, dueAt),
    reasons: [...input.current.reasons, reason],
    warnings: [...input.current.warnings],
    calendarId,
  };
}
