import { collectionSchema } from '../collection-schema';

export type LedgerStatus = 'sending' | 'sent' | 'bounced' | 'failed';

/**
 * mail_ledger: one document per (case, subject, mailing). SMTP cannot deduplicate, so a message is
 * claimed here before it is sent and marked after; a retry finds the claim and never sends twice,
 * except when a crash fell between the SMTP accept and the mark (counted as `resent`).
 * Holds no address: the subject id points at the customer, manager or third party.
 */
export interface MailLedgerDocument {
  _id: string;
  caseId: string;
  subjectId: string;
  mailing: string;
  status: LedgerStatus;
  messageId: string;
  attempts: number;
  resent: number;
  claimedAt: Date;
  sentAt?: Date;
  error?: string;
  /** Evidence: the versioned wording the message carried (customer notices, docs/legal.md §2). */
  wordingVersion?: string;
}

export const MAIL_LEDGER_COLLECTION = 'mail_ledger';

export const mailLedgerSchema = collectionSchema<MailLedgerDocument>(
  { String: ['_id', 'caseId', 'subjectId', 'mailing', 'status', 'messageId'], Number: ['attempts', 'resent'], Date: ['claimedAt'] },
  { sentAt: Date, error: String, wordingVersion: String },
  { collection: MAIL_LEDGER_COLLECTION },
);

// Serves the per-mailing counters (sent / bounced) of a case's status and report.
mailLedgerSchema.index({ caseId: 1, mailing: 1, status: 1 });

export const MAIL_LEDGER_CLAIM_COLLECTION = 'mail_ledger_claims';

/** mail_ledger_claims: the claim of each key (insert once), attempts and resends; see MailLedgerRepository. */
export const mailLedgerClaimSchema = collectionSchema<Omit<MailLedgerDocument, 'status' | 'sentAt' | 'error'>>(
  { String: ['_id', 'caseId', 'subjectId', 'mailing', 'messageId'], Number: ['attempts', 'resent'], Date: ['claimedAt'] },
  { wordingVersion: String },
  { collection: MAIL_LEDGER_CLAIM_COLLECTION },
);

// Serves the in-doubt and resent counts of a mailing (its end, the report).
mailLedgerClaimSchema.index({ caseId: 1, mailing: 1 });
