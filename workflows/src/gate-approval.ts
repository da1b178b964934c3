import { ApplicationFailure, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import { approveGateUpdate, VERIFIED_APPROVALS_PATCH, type ApprovalActivities, type GateName, type GateView } from '@handover/contracts';

const { verifyGateApproval } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

/**
 * The approveGate update. Since issue 15 (behind `patched(VERIFIED_APPROVALS_PATCH)`) it accepts
 * only an approval the API recorded: the decision id is looked up (an activity that logs a refused
 * one), who approved comes from that record, the time is the workflow's, and an id counts once.
 * Histories recorded before the patch keep the caller's word.
 */
export function handleGateApprovals(caseId: string, gates: Map<GateName, GateView>, refuseWhenCancelled: () => void): void {
  const used = new Set<string>();
  const refuseUnlessPending = (gate: GateName): void => {
    refuseWhenCancelled();
    const view = gates.get(gate);
    if (!view) throw ApplicationFailure.nonRetryable(`unknown gate ${gate}`, 'GATE_UNKNOWN');
    if (view.state !== 'pending') throw ApplicationFailure.nonRetryable(`gate ${gate} is ${view.state}, not pending`, 'GATE_NOT_PENDING');
  };
  const approve = (gate: GateName, approvedBy: string, approvedAt: string): GateView => {
    const view: GateView = { name: gate, state: 'approved', approvedBy, approvedAt };
    gates.set(gate, view);
    return view;
  };
  setHandler(
    approveGateUpdate,
    async ({ gate, approvalId, approvedBy, approvedAt }) => {
      if (!patched(VERIFIED_APPROVALS_PATCH)) return approve(gate, approvedBy, approvedAt);
      const verified = await verifyGateApproval({ caseId, gate, approvalId: approvalId ?? '' });
      if (!verified || !approvalId || used.has(approvalId)) {
        throw ApplicationFailure.nonRetryable(`approval of gate ${gate} was not recorded by the API`, 'APPROVAL_UNVERIFIED');
      }
      used.add(approvalId);
      // The gate may have moved while the record was read (another approval, a cancellation).
      refuseUnlessPending(gate);
      return approve(gate, verified.approvedBy, new Date().toISOString());
    },
    { validator: ({ gate }) => refuseUnlessPending(gate) },
  );
}
