/**
 * Third-party deletion confirmations (issue 5, docs/legal.md §4): the child workflow
 * `thirdPartyDeletionWorkflow` (id `case:<caseId>:third-parties`), its signals and activities.
 * Payloads carry ids, ISO instants and counts only: names and addresses stay in MongoDB.
 */
import { defineSignal } from '@temporalio/workflow';

export const thirdPartyWorkflowId = (caseId: string): string => `case:${caseId}:third-parties`;

/** What the API shows (docs/api.md): derived from the third party's document and its answer. */
export const THIRD_PARTY_STATUSES = ['pending', 'requested', 'overdue', 'confirmed', 'exception'] as const;
export type ThirdPartyStatus = (typeof THIRD_PARTY_STATUSES)[number];

/** What a third party may answer (docs/legal.md §4): deleted, not held, an exception, or retained under legal hold. */
export const THIRD_PARTY_ANSWER_KINDS = ['deleted', 'not-held', 'exception', 'legal-hold'] as const;
export type ThirdPartyAnswerKind = (typeof THIRD_PARTY_ANSWER_KINDS)[number];

/** Send-ledger mailings (key: caseId, third-party id or `manager`, mailing). */
export const THIRD_PARTY_REQUEST_MAILING = 'third-party-request';
export const thirdPartyReminderMailing = (n: number): string => `third-party-reminder-${n}`;
export const THIRD_PARTY_ESCALATION_MAILING = 'third-party-escalation';

export interface ThirdPartyDeletionInput {
  caseId: string;
  /** ISO instant: the lead computes it from the policy's `thirdPartyDeadline` in workflow time. */
  deadline: string;
  /** ISO-8601 durations after the workflow's start; offsets at or past the deadline are skipped. */
  reminders: string[];
}

/** Counts only. `overdue` = unanswered at the deadline; `late` = answered at or after their due time. */
export interface ThirdPartyDeletionResult {
  total: number;
  confirmed: number;
  exceptions: number;
  overdue: number;
  late: number;
}

/** Read by the workflow before each decision (MongoDB is the truth; signals only wake it). */
export interface ThirdPartySummary extends ThirdPartyDeletionResult {
  /** Not requested yet (added after the requests went out). */
  pending: number;
  /** No answer yet (pending, requested or overdue). */
  unanswered: number;
}

export interface ThirdPartyMailingCounters {
  /** Third parties moved from pending to requested by this call. */
  requested: number;
  sent: number;
  bounced: number;
  /** Already sent by an earlier attempt (send ledger). */
  skipped: number;
}

export interface ThirdPartyActivities {
  /** Marks every pending third party requested (dueAt = deadline) and mails it its signed link; send ledger per third party. */
  requestThirdPartyDeletion(input: { caseId: string; deadline: string }): Promise<ThirdPartyMailingCounters>;
  /** The n-th reminder to every requested third party that has not answered. */
  remindThirdParties(input: { caseId: string; deadline: string; reminder: number }): Promise<ThirdPartyMailingCounters>;
  /** Marks unanswered requested third parties overdue and mails the case manager one escalation naming them. */
  escalateOverdueThirdParties(input: { caseId: string; deadline: string }): Promise<{ overdue: number; escalated: boolean }>;
  /** Counts from MongoDB (documents and answers). */
  summarizeThirdParties(input: { caseId: string }): Promise<ThirdPartySummary>;
}

/** Sent by the portal after recording an answer (ids only). A lost signal is harmless: the workflow re-reads MongoDB. */
export const thirdPartyAnsweredSignal = defineSignal<[{ thirdPartyId: string }]>('thirdPartyAnswered');

/** Sent by the admin API when a third party is added (ids only): the workflow requests pending ones when woken. */
export const thirdPartyAddedSignal = defineSignal<[{ thirdPartyId: string }]>('thirdPartyAdded');
