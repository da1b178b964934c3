import { ApplicationFailure } from '@temporalio/activity';
import { MailDeliveryError, type Mailer, type OutgoingMail } from '@handover/mail';
import type { LedgerEvidence, LedgerKey, MailLedgerRepository } from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { mailFailed, mailingKind, mailSent } from '@handover/metrics';

export type SendOutcome = 'sent' | 'bounced' | 'skipped';

/**
 * Sends one message at most once per ledger key: claim → send → mark. 5xx is recorded as bounced
 * and not retried; 4xx and connection errors are thrown for the activity retry policy.
 * `evidence` (e.g. the notice's wording version) is stored with the ledger entry.
 */
export async function sendOnce(
  deps: { ledger: MailLedgerRepository; mailer: Mailer; logger: Logger },
  key: LedgerKey,
  build: () => OutgoingMail,
  evidence?: LedgerEvidence,
): Promise<SendOutcome> {
  const mail = build();
  const claim = await deps.ledger.claim(key, mail.messageId, evidence);
  if (claim.action === 'skip') return 'skipped';
  if (claim.resend) deps.logger.warn({ caseId: key.caseId, mailing: key.mailing }, 'resending a message whose earlier send was not confirmed');
  try {
    await deps.mailer.send({ ...mail, messageId: claim.messageId });
  } catch (error) {
    if (error instanceof MailDeliveryError && error.code === 'MAIL_PERMANENT') {
      await deps.ledger.mark(key, 'bounced', error.message);
      deps.logger.warn({ caseId: key.caseId, mailing: key.mailing, responseCode: error.responseCode }, 'mail bounced');
      mailFailed.inc({ kind: mailingKind(key.mailing) });
      return 'bounced';
    }
    await deps.ledger.mark(key, 'failed', error instanceof Error ? error.message : 'unknown');
    const message = error instanceof Error ? error.message : 'mail delivery failed';
    throw ApplicationFailure.retryable(message, error instanceof MailDeliveryError ? error.code : 'MAIL_ERROR');
  }
  await deps.ledger.mark(key, 'sent');
  mailSent.inc({ kind: mailingKind(key.mailing) });
  return 'sent';
}
