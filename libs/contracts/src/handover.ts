import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Phase } from './transfer-case';

/**
 * Handover phase (issue 5): the package for the recipient and the recipient's acknowledgement.
 * Inputs, results and the signal carry ids and counters only.
 */

/** The one package of a case: a retry rebuilds the same id. */
export const handoverPackageId = (caseId: string): string => `${caseId}:package`;

/** Customer fields the package may carry (the case's `policy.handoverFields` picks from these). */
export const HANDOVER_FIELDS = [
  'customerId',
  'type',
  'name',
  'email',
  'phone',
  'address',
  'birthDate',
  'products',
  'lastPurchaseAt',
  'totalSpent',
  'idNumber',
  'bankCard',
  'notes',
  'health',
  'biometric',
  'religion',
  'location',
  'extra',
] as const;
export type HandoverField = (typeof HANDOVER_FIELDS)[number];

/**
 * The default (minimisation, PIPL Art. 6): what a recipient needs to keep serving the customer.
 * ID number, bank card, notes, the sensitive columns, the birth date and unknown columns go only when
 * the case names them in `policy.handoverFields`.
 */
export const DEFAULT_HANDOVER_FIELDS: readonly HandoverField[] = [
  'customerId',
  'type',
  'name',
  'email',
  'phone',
  'address',
  'products',
  'lastPurchaseAt',
  'totalSpent',
];

export interface HandoverPackageResult {
  packageId: string;
  /** Customer records in the package. */
  records: number;
  /** Files in the package (the manifest not counted). */
  files: number;
}

export interface RecipientAcknowledgementState {
  acknowledged: boolean;
  /** ISO-8601 time of the acknowledgement. */
  at?: string;
}

/** Activities of the handover phase; implemented in activities/src/handover. */
export interface HandoverActivities {
  /**
   * Builds (or, after a crash, rebuilds under the same id) the encrypted package of the customers
   * whose outcome is `transfer` and who are not excluded; heartbeats `{records}`.
   */
  buildHandoverPackage(input: { caseId: string }): Promise<HandoverPackageResult>;
  /** Mails the recipient the signed `/r/{token}` link (send ledger: at most once per package). */
  sendRecipientLink(input: { caseId: string; packageId: string }): Promise<{ sent: boolean }>;
  /** Re-reads the acknowledgement from MongoDB (the truth; the portal's signal is only a nudge). */
  recipientAcknowledgement(input: { caseId: string }): Promise<RecipientAcknowledgementState>;
  /** Mails the recipient the same link again, as the n-th reminder (send ledger: once per n). */
  sendRecipientReminder(input: { caseId: string; packageId: string; reminder: number }): Promise<{ sent: boolean }>;
  /** The acknowledgement is overdue: mails the case manager (once) and audits `handover.escalated`. */
  escalateAcknowledgement(input: { caseId: string; dueAt: string }): Promise<{ sent: boolean }>;
}

export interface OverrideAcknowledgementInput {
  /** Opaque id of the API key that overrode; the reason stays in MongoDB. */
  overriddenBy: string;
  overriddenAt: string;
}

/**
 * The case manager confirms the handover without the recipient's acknowledgement, allowed only
 * once the acknowledgement is overdue and escalated (409 ACKNOWLEDGEMENT_NOT_OVERDUE before).
 */
export const overrideAcknowledgementUpdate = defineUpdate<{ phase: Phase; overriddenAt: string }, [OverrideAcknowledgementInput]>('overrideAcknowledgement');

/** Sent by the portal to `case:<caseId>` when the recipient acknowledged (ids only). */
export const recipientAcknowledgedSignal = defineSignal<[{ packageId: string; at: string }]>('recipientAcknowledged');
