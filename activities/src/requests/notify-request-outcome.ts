import { ApplicationFailure } from '@temporalio/activity';
import { requestMailing } from '@handover/contracts';
import { defaultComplaintRoutes, yieldsCopy, type Jurisdiction, type RequestType } from '@handover/domain';
import { renderRequestOutcome } from '@handover/mail';
import { ledgerMessageId } from '@handover/persistence';
import { sendOnce } from '../mail/send-once';
import { loadRequest } from './request-context';
import type { RequestActivityDeps } from './request.deps';

const DEFAULT_DOWNLOAD_TTL_MS = 72 * 3_600_000;

/**
 * Mails the customer the outcome (send ledger, once per request). Access/copy done: a signed,
 * expiring `download` link (subject = the request id) to the portal, which builds the JSON of
 * exactly that customer's data at download time: no copy is ever stored. Refused: the reasons and
 * the routes of complaint (PIPL Art. 50).
 */
export async function notifyRequestOutcome(deps: RequestActivityDeps, input: { caseId: string; requestId: string }): Promise<{ sent: boolean }> {
  const { request, cipher, transferCase, personal, locale } = await loadRequest(deps, input.caseId, input.requestId);
  const resolution = await deps.decisions.findResolution(request._id, cipher);
  if (!resolution) throw ApplicationFailure.nonRetryable(`request ${request._id} has no resolution`, 'REQUEST_NOT_FOUND');
  if (!personal?.email) {
    deps.logger.info({ caseId: input.caseId, requestId: request._id }, 'request outcome not mailed: no address');
    return { sent: false };
  }

  const key = { caseId: input.caseId, subjectId: request.ref, mailing: requestMailing.outcome(request._id) };
  let download: { url: string; expiresAt: string } | undefined;
  if (resolution.outcome === 'done' && yieldsCopy(request.type as RequestType)) {
    // Issued from the decision time: a retried activity signs the same link.
    const expiresAt = new Date(new Date(resolution.at).getTime() + (deps.downloadTtlMs ?? DEFAULT_DOWNLOAD_TTL_MS));
    const token = deps.tokens.sign({ purpose: 'download', subject: request._id, caseId: input.caseId, expiresAt });
    download = { url: `${deps.portalUrl.replace(/\/+$/, '')}/d/${token}`, expiresAt: expiresAt.toISOString() };
  }
  const routes = defaultComplaintRoutes(transferCase.jurisdiction as Jurisdiction)
    .filter((r) => resolution.complaintRouteIds.length === 0 || resolution.complaintRouteIds.includes(r.id))
    .map((r) => `${r[locale]} (${r.article})`);
  const mail = renderRequestOutcome({
    locale,
    requestId: request._id,
    type: request.type,
    outcome: resolution.outcome,
    transferorName: transferCase.transferor.name,
    ...(resolution.outcome === 'refused' && { reasons: resolution.reasons ?? '', complaintRoutes: [...routes, ...resolution.extraComplaintRoutes] }),
    ...(download && { downloadUrl: download.url, downloadExpiresAt: download.expiresAt }),
  });
  const outcome = await sendOnce(
    deps,
    key,
    () => ({ to: personal.email as string, messageId: ledgerMessageId(key, deps.mailDomain), subject: mail.subject, text: mail.text, html: mail.html }),
    { wordingVersion: mail.wordingVersion },
  );
  await deps.requests.recordAnswered(request._id, new Date());
  return { sent: outcome === 'sent' };
}
