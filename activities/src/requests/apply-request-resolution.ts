import { ApplicationFailure } from '@temporalio/activity';
import { correctionsProblem, normaliseCorrections } from '@handover/domain';
import { caseBlindIndex } from '@handover/persistence';
import { loadRequest } from './request-context';
import { SYSTEM_ACTOR, type RequestActivityDeps } from './request.deps';

/**
 * Applies the manager's resolution: a correction resolved done re-encrypts the customer's personal
 * fields with the proposed values (the handover package reads them from there); then the request is
 * marked resolved. Idempotent (a retry applies the same values and writes the same state).
 */
export async function applyRequestResolution(deps: RequestActivityDeps, input: { caseId: string; requestId: string }): Promise<{ applied: boolean }> {
  const { request, cipher } = await loadRequest(deps, input.caseId, input.requestId);
  const resolution = await deps.decisions.findResolution(request._id, cipher);
  if (!resolution) throw ApplicationFailure.nonRetryable(`request ${request._id} has no resolution`, 'REQUEST_NOT_FOUND');

  let applied = false;
  if (resolution.outcome === 'done' && request.type === 'correct') {
    const { corrections } = deps.requests.decryptTexts(request, cipher);
    if (corrections && correctionsProblem(corrections) === null) {
      applied = await deps.corrections.apply(request.customerId, normaliseCorrections(corrections), { cipher, blindIndex: caseBlindIndex(deps.master, input.caseId) });
      if (applied) {
        await deps.audit.append(input.caseId, {
          actor: SYSTEM_ACTOR,
          action: 'request.correction-applied',
          subject: { type: 'request', id: request._id },
          data: { fields: Object.keys(corrections).sort().join(',') },
        });
      }
    }
  }
  if (request.status !== 'resolved') {
    await deps.requests.recordResolution(request._id, { outcome: resolution.outcome, resolvedAt: resolution.at, ...(applied && { appliedAt: new Date() }) });
  }
  deps.logger.info({ caseId: input.caseId, requestId: request._id, outcome: resolution.outcome, applied }, 'request resolution applied');
  return { applied };
}
