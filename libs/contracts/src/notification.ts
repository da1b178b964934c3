/**
 * Notification and consent phase (issue 4). The workflow passes deadlines as ISO strings it
 * computed from workflow time; activities never decide time-based outcomes on their own.
 */
export interface CaseDeadlines {
  /** End of the waiting period: notice routes may object until then. */
  noticeDeadline: string;
  /** Consent routes must consent by then; silence is refusal. */
  consentDeadline: string;
}

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

export interface OutcomeCounters {
  transfer: number;
  notTransfer: number;
  consented: number;
  refused: number;
  objected: number;
  noResponse: number;
}

export interface NotificationActivities {
  /** Stores the deadlines on the case (the portal shows them). Idempotent. */
  recordDeadlines(input: CaseDeadlines & { caseId: string }): Promise<void>;
  /** One message per eligible customer, batched, through the send ledger; heartbeats progress. */
  sendCustomerMailing(input: MailingInput): Promise<MailingCounters>;
  /** At the deadline: transfer or not, from route and answer. Silence is never consent. */
  fixOutcomes(input: { caseId: string }): Promise<OutcomeCounters>;
}
