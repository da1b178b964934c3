import { parseDuration } from './duration';

/** Product defaults (issue 14): the recipient has 14 days to acknowledge, reminded after 7 and 12. */
export const DEFAULT_ACKNOWLEDGEMENT_DEADLINE = 'P14D';
export const DEFAULT_ACKNOWLEDGEMENT_REMINDERS: readonly string[] = ['P7D', 'P12D'];

export interface AcknowledgementSchedule {
  /** Epoch ms of each reminder to the recipient, ascending, each before the deadline. */
  reminderAt: number[];
  /** Epoch ms of the deadline: the case manager is alerted and may override. */
  deadlineAt: number;
}

/**
 * When the recipient is reminded and when the acknowledgement is overdue, counted from the time
 * the link was sent (ISO-8601 durations of the case policy). Reminders at or after the deadline
 * are dropped (the escalation replaces them), duplicates kept once. Pure; workflow-safe.
 */
export function acknowledgementSchedule(sentAt: number, deadline: string, reminders: readonly string[]): AcknowledgementSchedule {
  const deadlineAt = sentAt + parseDuration(deadline);
  const reminderAt = [...new Set(reminders.map((offset) => sentAt + parseDuration(offset)))].filter((at) => at < deadlineAt).sort((a, b) => a - b);
  return { reminderAt, deadlineAt };
}
