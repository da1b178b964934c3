import type { RequestActivities } from '@handover/contracts';
import { applyRequestResolution } from './apply-request-resolution';
import { forwardWithdrawal } from './forward-withdrawal';
import { notifyRequestExtension } from './notify-request-extension';
import { notifyRequestOutcome } from './notify-request-outcome';
import type { RequestActivityDeps } from './request.deps';
import { sendRequestAlert } from './send-request-alert';

export function createRequestActivities(deps: RequestActivityDeps): RequestActivities {
  return {
    forwardWithdrawal: (input) => forwardWithdrawal(deps, input),
    sendRequestAlert: (input) => sendRequestAlert(deps, input),
    notifyRequestExtension: (input) => notifyRequestExtension(deps, input),
    applyRequestResolution: (input) => applyRequestResolution(deps, input),
    notifyRequestOutcome: (input) => notifyRequestOutcome(deps, input),
  };
}
