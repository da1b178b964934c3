/**
 * Notification and consent phase (issue 4). The workflow passes deadlines as ISO strings it
 * computed from workflow time; activities never decide time-based outcomes on their own.
 */
import type { CaseDeadlines, OutcomeCounters } from '@handover/domain';

export type { CaseDeadlines, OutcomeCounters };

export interface MailingInput extends CaseDeadlines {
  caseId: string;
  /** 'notice' for the first mailing, 'reminder-1', 'reminder-2', … after it. */
  mailing: string;
  /** 0 for the notice; n for the n-th reminder (reminders go only to consent routes that have not answered). */
  reminder: number;
}

export interface MailingCounters {
  eligible: number;
  sent: number;
  bounced: number;
  /** already sent by an earlier attempt (send ledger) */
  skipped: number;
  /** sent again after an attempt died between the SMTP accept and the ledger mark */
  resent: number;
  /** reachable by no individual channel: served by the public announcement */
  publicAnnouncement: number;
}

export interface NotificationActivities {
  /** Stores the deadlines on the case (the portal shows them). Idempotent. */
  recordDeadlines(input: CaseDeadlines & { caseId: string }): Promise<void>;
  /** One message per eligible customer, batched, through the send ledger; heartbeats progress. */
  sendCustomerMailing(input: MailingInput): Promise<MailingCounters>;
  /** At the deadline: transfer or not, from route and answer. Silence is never consent. */
  fixOutcomes(input: { caseId: string }): Promise<OutcomeCounters>;
  /**
   * A cancelled case (issue 14): every customer a notice was sent to is told the transfer will not
   * take place (send ledger `case-cancelled`: once each). Before the discard: it decrypts addresses.
   */
  sendCancellationNotices(input: { caseId: string }): Promise<{ notified: number }>;
}
