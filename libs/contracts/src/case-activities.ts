import type { Phase } from './transfer-case';

/** What the workflow needs to know of a case to schedule it: durations and flags, nothing personal. */
export interface CasePlan {
  waitingPeriod: string;
  consentDeadline: string;
  thirdPartyDeadline: string;
  reminders: string[];
  hasRecipient: boolean;
}

/** Activities of the case lifecycle; implemented in activities/src/cases. */
export interface CaseActivities {
  /** Reads the case's policy durations (ISO-8601) for the workflow's timers. */
  loadCasePlan(input: { caseId: string }): Promise<CasePlan>;
  /** Persists the phase on the case document (the API reads it even when the worker is down). */
  recordCasePhase(input: { caseId: string; phase: Phase }): Promise<void>;
  /** Mails the case manager that the case is open; idempotent through the send ledger. */
  announceCaseOpened(input: { caseId: string }): Promise<{ sent: boolean }>;
}
