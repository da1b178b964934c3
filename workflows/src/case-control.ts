import { ApplicationFailure, CancellationScope, condition, patched, setHandler } from '@temporalio/workflow';
import {
  cancelCaseUpdate,
  CASE_CONTROL_PATCH,
  REJECTABLE_GATES,
  rejectGateUpdate,
  type CancelCaseInput,
  type GateName,
  type GateView,
  type Phase,
  type RejectGateInput,
} from '@handover/contracts';

/**
 * A case manager's control of a running case (issue 14): the `cancelCase` and `rejectGate`
 * updates of transferCaseWorkflow and the state they share with it. Ids and times only: the
 * reasons stay in MongoDB. The commands these updates lead to are behind
 * `patched(CASE_CONTROL_PATCH)`, called in each handler (histories without them replay unchanged).
 */
export class CaseControl {
  /** Everything before the handover gate's approval runs in this scope: a cancellation stops it. */
  readonly work = new CancellationScope();
  cancellation: CancelCaseInput | undefined;
  /** Set once the case is marked cancelled: the cancel update answers then. */
  cancelRecorded = false;
  /** The rejection being acted on (at most one at a time). */
  rejection: RejectGateInput | undefined;
  /** Rejections acted on so far. */
  rejectionsDone = 0;

  constructor(
    private readonly gates: Map<GateName, GateView>,
    private readonly phase: () => Phase,
  ) {
    setHandler(
      cancelCaseUpdate,
      async (input) => {
        patched(CASE_CONTROL_PATCH);
        this.cancellation = input;
        this.work.cancel();
        // Answered once the case is marked cancelled; the discard goes on after the answer.
        await condition(() => this.cancelRecorded);
        return { status: 'cancelled', phase: this.phase(), cancelledAt: input.cancelledAt };
      },
      {
        validator: (_input: CancelCaseInput) => {
          this.refuseWhenCancelled();
          if (this.gates.get('handover')?.state === 'approved') {
            throw ApplicationFailure.nonRetryable('the handover gate is approved: the data may have been handed over', 'CASE_HANDED_OVER');
          }
        },
      },
    );
    setHandler(
      rejectGateUpdate,
      async (input) => {
        patched(CASE_CONTROL_PATCH);
        const done = this.rejectionsDone;
        // Not pending while the rejection is acted on: an approval meanwhile is refused.
        this.gates.set(input.gate, { name: input.gate, state: 'waiting' });
        this.rejection = input;
        await condition(() => this.rejectionsDone > done || this.cancellation !== undefined);
        return { gate: input.gate, state: this.gates.get(input.gate)?.state ?? 'waiting', phase: this.phase(), rejectedAt: input.rejectedAt };
      },
      {
        validator: ({ gate }: RejectGateInput) => {
          this.refuseWhenCancelled();
          if (!(REJECTABLE_GATES as readonly GateName[]).includes(gate)) {
            throw ApplicationFailure.nonRetryable(`gate ${gate} cannot be rejected: approve it, or cancel the case`, 'GATE_NOT_REJECTABLE');
          }
          const view = this.gates.get(gate);
          if (view?.state !== 'pending' || this.rejection) {
            throw ApplicationFailure.nonRetryable(`gate ${gate} is ${view?.state ?? 'unknown'}, not pending`, 'GATE_NOT_PENDING');
          }
        },
      },
    );
  }

  refuseWhenCancelled(): void {
    if (this.cancellation) throw ApplicationFailure.nonRetryable('the case is cancelled', 'CASE_CANCELLED');
  }

  /** Waits at a rejectable gate until it is approved or rejected. */
  async decideGate(gate: GateName): Promise<'approved' | 'rejected'> {
    this.gates.set(gate, { name: gate, state: 'pending' });
    await condition(() => this.gates.get(gate)?.state === 'approved' || this.rejection?.gate === gate);
    return this.gates.get(gate)?.state === 'approved' ? 'approved' : 'rejected';
  }

  /** The rejection was acted on: its update answers (with the gate states set by then). */
  rejectionActedOn(): void {
    this.rejection = undefined;
    this.rejectionsDone += 1;
  }
}
