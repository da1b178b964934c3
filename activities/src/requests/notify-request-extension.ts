import { ApplicationFailure } from '@temporalio/activity';
import { requestMailing } from '@handover/contracts';
import { renderRequestExtension } from '@handover/mail';
import { ledgerMessageId } from '@handover/persistence';
import { sendOnce } from '../mail/send-once';
import { loadRequest } from './request-context';
import type { RequestActivityDeps } from './request.deps';

/** Records the extension on the request and tells the customer the reason and the new date (send ledger). */
export async function notifyRequestExtension(deps: RequestActivityDeps, input: { caseId: string; requestId: string }): Promise<{ sent: boolean }> {
  const { request, cipher, transferCase, personal, locale } = await loadRequest(deps, input.caseId, input.requestId);
  const extension = await deps.decisions.findExtension(request._id, cipher);
  if (!extension) throw ApplicationFailure.nonRetryable(`request ${request._id} has no extension`, 'REQUEST_NOT_FOUND');
  if (!request.extended) {
    await deps.requests.recordExtension(request._id, {
      dueDate: extension.dueDate,
      dueAt: extension.dueAt,
      remindAt: extension.remindAt,
      originalDueAt: request.dueAt,
      at: extension.at,
    });
  }
  if (!personal?.email) return { sent: false };
  const key = { caseId: input.caseId, subjectId: request.ref, mailing: requestMailing.extension(request._id) };
  const mail = renderRequestExtension({ locale, requestId: request._id, type: request.type, transferorName: transferCase.transferor.name, reason: extension.reason, dueDate: extension.dueDate });
  const outcome = await sendOnce(
    deps,
    key,
    () => ({ to: personal.email as string, messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }),
    { wordingVersion: mail.wordingVersion },
  );
  return { sent: outcome === 'sent' };
}
