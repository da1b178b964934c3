import type { Connection, Model } from 'mongoose';
import { mailLedgerSchema, MAIL_LEDGER_COLLECTION, type LedgerStatus, type MailLedgerDocument } from './mail-ledger.schema';

export interface LedgerKey {
  caseId: string;
  subjectId: string;
  mailing: string;
}

/** What is stored with a claim as evidence of the message's content (no personal data). */
export interface LedgerEvidence {
  wordingVersion?: string;
}

export type Claim =
  | { action: 'send'; messageId: string; resend: boolean }
  | { action: 'skip'; status: LedgerStatus };

const DUPLICATE_KEY = 11000;

export const ledgerId = (key: LedgerKey): string => `${key.caseId}:${key.subjectId}:${key.mailing}`;

/** Message-ID derived from the ledger key: a resend carries the same id, so receivers can dedupe. */
export const ledgerMessageId = (key: LedgerKey, domain: string): string =>
  `<${ledgerId(key).replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;

export class MailLedgerRepository {
  private readonly model: Model<MailLedgerDocument>;

  constructor(connection: Connection) {
    this.model =
      connection.models[MAIL_LEDGER_COLLECTION] ?? connection.model<MailLedgerDocument>(MAIL_LEDGER_COLLECTION, mailLedgerSchema);
  }

  /**
   * Claims a message before sending. A fresh key → send. A key already sent/bounced → skip.
   * A key left in `sending` (an earlier attempt died mid-send) → send again, flagged as a resend.
   */
  async claim(key: LedgerKey, messageId: string, evidence: LedgerEvidence = {}): Promise<Claim> {
    const now = new Date();
    const evidenceFields = evidence.wordingVersion === undefined ? {} : { wordingVersion: evidence.wordingVersion };
    try {
      await this.model.collection.insertOne({
        _id: ledgerId(key), ...key, status: 'sending', messageId, attempts: 1, resent: 0, claimedAt: now, ...evidenceFields,
      } as never);
      return { action: 'send', messageId, resend: false };
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const existing = await this.model.findById(ledgerId(key)).lean<MailLedgerDocument>().exec();
    if (!existing) throw new Error('ledger entry vanished during claim');
    if (existing.status !== 'sending' && existing.status !== 'failed') return { action: 'skip', status: existing.status };
    await this.model
      .updateOne(
        { _id: ledgerId(key) },
        { $inc: { attempts: 1, resent: existing.status === 'sending' ? 1 : 0 }, $set: { claimedAt: now, ...evidenceFields } },
      )
      .exec();
    return { action: 'send', messageId: existing.messageId, resend: existing.status === 'sending' };
  }

  async mark(key: LedgerKey, status: Exclude<LedgerStatus, 'sending'>, error?: string): Promise<void> {
    await this.model
      .updateOne({ _id: ledgerId(key) }, { $set: { status, ...(status === 'sent' && { sentAt: new Date() }), ...(error && { error }) } })
      .exec();
  }

  async find(key: LedgerKey): Promise<MailLedgerDocument | null> {
    return this.model.findById(ledgerId(key)).lean<MailLedgerDocument>().exec();
  }

  async countByStatus(caseId: string, mailing: string, status: LedgerStatus): Promise<number> {
    return this.model.countDocuments({ caseId, mailing, status }).exec();
  }

  /**
   * Messages of a mailing claimed again after an attempt died while they were `sending`: an upper
   * bound of the duplicates (the crash may have come before or after the SMTP accept).
   */
  async countResent(caseId: string, mailing: string): Promise<number> {
    return this.model.countDocuments({ caseId, mailing, resent: { $gt: 0 } }).exec();
  }
}
