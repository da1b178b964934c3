import { requestMailing, type RequestAlertKind } from '@handover/contracts';
import { renderRequestAlert } from '@handover/mail';
import { ledgerMessageId } from '@handover/persistence';
import { sendOnce } from '../mail/send-once';
import { loadRequest } from './request-context';
import { SYSTEM_ACTOR, type RequestActivityDeps } from './request.deps';

/** Reminder before the due time or escalation after it, to the case manager (send ledger); recorded and audited. */
export async function sendRequestAlert(
  deps: RequestActivityDeps,
  input: { caseId: string; requestId: string; kind: RequestAlertKind; dueAt: string },
): Promise<{ sent: boolean }> {
  const { request, transferCase } = await loadRequest(deps, input.caseId, input.requestId);
  const mailing = input.kind === 'reminder' ? requestMailing.reminder(request._id) : requestMailing.escalation(request._id);
  // An extension starts a new window: its alerts are new messages.
  const key = { caseId: input.caseId, subjectId: 'manager', mailing: request.extended ? `${mailing}:extended` : mailing };
  const mail = renderRequestAlert({ kind: input.kind, caseId: input.caseId, requestId: request._id, type: request.type, dueAt: input.dueAt, managerName: transferCase.manager.name });
  const outcome = await sendOnce(
    deps,
    key,
    () => ({ to: transferCase.manager.email, messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }),
    { wordingVersion: mail.wordingVersion },
  );
  const at = new Date();
  await deps.requests.recordAlert(request._id, input.kind, at);
  if (outcome !== 'skipped') {
    await deps.audit.append(input.caseId, {
      actor: SYSTEM_ACTOR,
      action: input.kind === 'reminder' ? 'request.reminded' : 'request.escalated',
      subject: { type: 'request', id: request._id },
      data: { type: request.type, dueAt: input.dueAt, to: 'case-manager', outcome },
    });
  }
  deps.logger.info({ caseId: input.caseId, requestId: request._id, kind: input.kind, outcome }, 'request alert');
  return { sent: outcome === 'sent' };
}
