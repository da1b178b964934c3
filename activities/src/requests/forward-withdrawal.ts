import { requestMailing } from '@handover/contracts';
import { isBeforeHandover } from '@handover/domain';
import { renderRequestWithdrawal } from '@handover/mail';
import { ledgerMessageId } from '@handover/persistence';
import { sendOnce } from '../mail/send-once';
import { loadRequest } from './request-context';
import { SYSTEM_ACTOR, type RequestActivityDeps } from './request.deps';

/**
 * A withdrawal of consent after the handover goes to the recipient (PIPL Art. 15): the mail names
 * the customer reference only (the package's key to the record), nothing more. Before the handover
 * (or without a recipient) nothing is forwarded: the customer is not handed over with consent anyway.
 */
export async function forwardWithdrawal(deps: RequestActivityDeps, input: { caseId: string; requestId: string }): Promise<{ forwarded: boolean }> {
  const { request, transferCase } = await loadRequest(deps, input.caseId, input.requestId);
  const phase = (await deps.cases.findState(input.caseId))?.phase ?? transferCase.phase;
  if (request.type !== 'withdraw' || isBeforeHandover(phase) || !transferCase.recipient) return { forwarded: false };
  const key = { caseId: input.caseId, subjectId: 'recipient', mailing: requestMailing.withdrawal(request._id) };
  const mail = renderRequestWithdrawal({
    caseId: input.caseId,
    requestId: request._id,
    customerRef: request.ref,
    recipientName: transferCase.recipient.name,
    transferorName: transferCase.transferor.name,
    withdrawnAt: new Date(request.filedAt).toISOString(),
  });
  const outcome = await sendOnce(
    deps,
    key,
    () => ({ to: transferCase.recipient?.email ?? '', messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }),
    { wordingVersion: mail.wordingVersion },
  );
  const at = new Date();
  await deps.requests.recordForwarded(request._id, at);
  if (outcome !== 'skipped') {
    await deps.audit.append(input.caseId, {
      actor: SYSTEM_ACTOR,
      action: 'request.forwarded',
      subject: { type: 'request', id: request._id },
      data: { type: request.type, to: 'recipient', phase, outcome },
    });
  }
  return { forwarded: true };
}
