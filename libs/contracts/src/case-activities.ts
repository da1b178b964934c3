import type { Phase } from './transfer-case';

/** What the workflow needs to know of a case to schedule it: durations and flags, nothing personal. */
export interface CasePlan {
  waitingPeriod: string;
  consentDeadline: string;
  thirdPartyDeadline: string;
  reminders: string[];
  hasRecipient: boolean;
  /**
   * Whether the handover phase builds a package (no: equity transfer, a branch returning data to its
   * head office). Absent in plans recorded before it existed: then a recipient means a package.
   */
  buildsPackage?: boolean;
  /** The recipient's time to acknowledge the package, from the link's mail (issue 14; defaults filled in by loadCasePlan). */
  acknowledgementDeadline: string;
  acknowledgementReminders: string[];
}

/** Activities of the case lifecycle; implemented in activities/src/cases. */
export interface CaseActivities {
  /** Reads the case's policy durations (ISO-8601) for the workflow's timers. */
  loadCasePlan(input: { caseId: string }): Promise<CasePlan>;
  /**
   * Persists the phase on the case document (the API reads it even when the worker is down).
   * `round` counts the notices gate's rejections: a phase entered again records a new fact.
   */
  recordCasePhase(input: { caseId: string; phase: Phase; round?: number }): Promise<void>;
  /** Mails the case manager that the case is open; idempotent through the send ledger. */
  announceCaseOpened(input: { caseId: string }): Promise<{ sent: boolean }>;
  /** Marks a running case cancelled (status `cancelled`, the phase kept); idempotent. */
  markCaseCancelled(input: { caseId: string; cancelledAt: string }): Promise<void>;
}
