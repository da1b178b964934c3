import { acknowledgementSchedule, DEFAULT_ACKNOWLEDGEMENT_DEADLINE, DEFAULT_ACKNOWLEDGEMENT_REMINDERS } from './acknowledgement-schedule';

const DAY = 86_400_000;
const sentAt = Date.UTC(2026, 11, 5);

describe('acknowledgementSchedule', () => {
  it('reminds after 7 and 12 days and is overdue after 14 by default', () => {
    expect(acknowledgementSchedule(sentAt, DEFAULT_ACKNOWLEDGEMENT_DEADLINE, DEFAULT_ACKNOWLEDGEMENT_REMINDERS)).toEqual({
      reminderAt: [sentAt + 7 * DAY, sentAt + 12 * DAY],
      deadlineAt: sentAt + 14 * DAY,
    });
  });

  it('orders the reminders, keeps a repeated one once and drops those at or past the deadline', () => {
    const schedule = acknowledgementSchedule(sentAt, 'PT10S', ['PT8S', 'PT2S', 'PT2S', 'PT10S', 'PT30S']);
    expect(schedule).toEqual({ reminderAt: [sentAt + 2_000, sentAt + 8_000], deadlineAt: sentAt + 10_000 });
  });

  it('has no reminders when none are asked for', () => {
    expect(acknowledgementSchedule(sentAt, 'P1D', []).reminderAt).toEqual([]);
  });
});
