/**
 * Workflow interceptors for tracing (bundled into the workflow code only when tracing is on; see
 * services/worker/src/workflow-bundle.ts). Not a workflow: runs in the workflow sandbox.
 *
 * The OpenTelemetry interceptors trace the run (`RunWorkflow`), updates (`HandleUpdate`) and
 * activity starts (`StartActivity`). A case runs for weeks: left alone, everything its main path
 * schedules would be in the trace of the request that started it. Here, once a gate is approved,
 * what the main path schedules next (the phase the approval opens: the notice mailing after the
 * notices gate) is a child of that approval's `HandleUpdate:approveGate` span, so one trace goes
 * from the approval request through the workflow to the phase's activities. Only spans and the
 * `_tracer-data` header (trace and span ids) change: no command, so histories replay as before.
 */
import * as otel from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { ActivityInput, Next, StartChildWorkflowExecutionInput, UpdateInput, WorkflowExecuteInput, WorkflowInboundCallsInterceptor, WorkflowInterceptors, WorkflowOutboundCallsInterceptor } from '@temporalio/workflow';
import { approveGateUpdate } from '@handover/contracts';

/** Per workflow run: the context of its main path and of the latest gate approval. */
interface PhaseContexts {
  run?: otel.Context;
  approval?: otel.Context;
}

const spanIdOf = (ctx: otel.Context | undefined): string | undefined => (ctx ? otel.trace.getSpan(ctx)?.spanContext().spanId : undefined);

class PhaseInboundInterceptor extends OpenTelemetryInboundInterceptor {
  constructor(private readonly phase: PhaseContexts) {
    super();
  }

  override execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    return super.execute(input, (inner) => {
      this.phase.run = otel.context.active();
      return next(inner);
    });
  }

  override handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    if (input.name !== approveGateUpdate.name) return super.handleUpdate(input, next);
    return super.handleUpdate(input, async (inner) => {
      const previous = this.phase.approval;
      this.phase.approval = otel.context.active();
      try {
        return await next(inner);
      } catch (error) {
        this.phase.approval = previous;
        throw error;
      }
    });
  }
}

class PhaseOutboundInterceptor extends OpenTelemetryOutboundInterceptor {
  constructor(private readonly phase: PhaseContexts) {
    super();
  }

  /** On the main path after an approval: the approval's context; elsewhere (handlers): the active one. */
  private parent(): otel.Context | undefined {
    const { approval, run } = this.phase;
    if (!approval || !spanIdOf(approval)) return undefined;
    return spanIdOf(otel.context.active()) === spanIdOf(run) ? approval : undefined;
  }

  override scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    const parent = this.parent();
    return parent ? otel.context.with(parent, () => super.scheduleActivity(input, next)) : super.scheduleActivity(input, next);
  }

  override startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): ReturnType<OpenTelemetryOutboundInterceptor['startChildWorkflowExecution']> {
    const parent = this.parent();
    return parent ? otel.context.with(parent, () => super.startChildWorkflowExecution(input, next)) : super.startChildWorkflowExecution(input, next);
  }
}

export const interceptors = (): WorkflowInterceptors => {
  const phase: PhaseContexts = {};
  return {
    inbound: [new PhaseInboundInterceptor(phase)],
    outbound: [new PhaseOutboundInterceptor(phase)],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
