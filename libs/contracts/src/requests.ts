/**
 * Data-subject requests (issue 8): one `dataSubjectRequestWorkflow` per request, id
 * `case:<caseId>:request:<requestId>`, started by whoever inserted the request (portal or admin API).
 * Payloads carry ids, enums and ISO instants only: texts and corrections stay encrypted in MongoDB.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RequestOutcome, RequestType } from '@handover/domain';

export const dataSubjectRequestWorkflowId = (caseId: string, requestId: string): string => `case:${caseId}:request:${requestId}`;

/** Send-ledger mailings (key: caseId, subject, mailing). */
export const requestMailing = {
  reminder: (requestId: string): string => `request-reminder:${requestId}`,
  escalation: (requestId: string): string => `request-escalation:${requestId}`,
  outcome: (requestId: string): string => `request-outcome:${requestId}`,
  extension: (requestId: string): string => `request-extension:${requestId}`,
  withdrawal: (requestId: string): string => `request-withdrawal:${requestId}`,
} as const;

export interface DataSubjectRequestInput {
  caseId: string;
  requestId: string;
  type: RequestType;
  /** ISO instants computed at filing (jurisdiction profile or the case's requestDeadline). */
  dueAt: string;
  remindAt: string;
}

/** Sent by the extend use case after its claim is stored (the new instants, nothing personal). */
export interface RequestExtendedSignal {
  dueAt: string;
  remindAt: string;
}

/** Sent by the resolve use case after its claim (outcome, encrypted reasons) is stored. */
export interface RequestResolvedSignal {
  outcome: RequestOutcome;
}

export interface DataSubjectRequestState {
  requestId: string;
  dueAt: string;
  remindedAt: string | null;
  escalatedAt: string | null;
  extended: boolean;
  outcome: RequestOutcome | null;
  done: boolean;
}

export type RequestAlertKind = 'reminder' | 'escalation';

export interface RequestActivities {
  /** Withdrawal after the handover: mails the recipient the customer reference only; records it. No-op before handover. */
  forwardWithdrawal(input: { caseId: string; requestId: string }): Promise<{ forwarded: boolean }>;
  /** Reminder before the due time, escalation after it: to the case manager (send ledger); recorded on the request and in the audit trail. */
  sendRequestAlert(input: { caseId: string; requestId: string; kind: RequestAlertKind; dueAt: string }): Promise<{ sent: boolean }>;
  /** Tells the customer the new due date and the reason (send ledger); records the extension on the request. */
  notifyRequestExtension(input: { caseId: string; requestId: string }): Promise<{ sent: boolean }>;
  /** Applies a resolution (a done correction re-encrypts the customer's personal fields) and records it on the request. */
  applyRequestResolution(input: { caseId: string; requestId: string }): Promise<{ applied: boolean }>;
  /** Mails the customer the outcome: done (with a signed download link for access/copy) or refused with reasons and complaint routes. */
  notifyRequestOutcome(input: { caseId: string; requestId: string }): Promise<{ sent: boolean }>;
}

export const requestResolvedSignal = defineSignal<[RequestResolvedSignal]>('requestResolved');
export const requestExtendedSignal = defineSignal<[RequestExtendedSignal]>('requestExtended');
export const requestStateQuery = defineQuery<DataSubjectRequestState>('requestState');
