import type { Phase } from './transfer-case';

/** Activities of the case lifecycle; implemented in activities/src/cases. */
export interface CaseActivities {
  /** Persists the phase on the case document (the API reads it even when the worker is down). */
  recordCasePhase(input: { caseId: string; phase: Phase }): Promise<void>;
  /** Mails the case manager that the case is open; idempotent through the send ledger. */
  announceCaseOpened(input: { caseId: string }): Promise<{ sent: boolean }>;
}
