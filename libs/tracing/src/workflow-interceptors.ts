/**
 * Workflow interceptors for tracing (bundled into the workflow code only when tracing is on; see
 * services/worker/src/workflow-bundle.ts). Not a workflow: runs in the workflow sandbox.
 *
 * The OpenTelemetry interceptors trace the run (`RunWorkflow`), updates (`HandleUpdate`) and
 * activity starts (`StartActivity`). A case runs for weeks: left alone, everything its main path
 * schedules would be in the trace of the request that started it. Here, once a gate is approved,
 * what the main path schedules next (the phase the approval opens: the notice mailing after the
 * notices gate) is a child of that approval's `HandleUpdate:approveGate` span, so one trace goes
 * from the approval request through the workflow to the phase's activities.
 *
 * Replay safety. The SDK's interceptors change the order in which some commands are sent (their
 * extra awaits) for runs that did not have them from the start: a run started without tracing and
 * then replayed by a traced worker would fail as non-deterministic. So a run is traced only when
 * its start carried a trace context (the `_tracer-data` header of its start event: started by a
 * traced client or a traced parent); any other run passes through untouched. That fact is in the
 * history, so it is the same on every replay, and no marker is recorded (a patch marker would stop
 * the plain bundle from replaying traced runs). The wrappers add no await of their own.
 */
import * as otel from '@opentelemetry/api';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  ActivityInput,
  ContinueAsNewInput,
  LocalActivityInput,
  Next,
  QueryInput,
  SignalInput,
  SignalWorkflowInput,
  StartChildWorkflowExecutionInput,
  StartNexusOperationInput,
  StartNexusOperationOutput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { approveGateUpdate } from '@handover/contracts';

/** The header in which the SDK's interceptors carry the trace context. */
const TRACE_HEADER = '_tracer-data';

/** Per workflow run: traced or not, the context of its main path and of the latest gate approval. */
interface PhaseContexts {
  traced?: boolean;
  run?: otel.Context;
  approval?: otel.Context;
}

const spanIdOf = (ctx: otel.Context | undefined): string | undefined => (ctx ? otel.trace.getSpan(ctx)?.spanContext().spanId : undefined);

class PhaseInboundInterceptor extends OpenTelemetryInboundInterceptor {
  constructor(private readonly phase: PhaseContexts) {
    super();
  }

  override execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    this.phase.traced = input.headers[TRACE_HEADER] !== undefined;
    if (!this.phase.traced) return next(input);
    return super.execute(input, (inner) => {
      this.phase.run = otel.context.active();
      return next(inner);
    });
  }

  override handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    return this.phase.traced ? super.handleSignal(input, next) : next(input);
  }

  override validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    return this.phase.traced ? super.validateUpdate(input, next) : next(input);
  }

  override handleQuery(input: QueryInput, next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>): Promise<unknown> {
    return this.phase.traced ? super.handleQuery(input, next) : next(input);
  }

  override handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    if (!this.phase.traced) return next(input);
    if (input.name !== approveGateUpdate.name) return super.handleUpdate(input, next);
    return super.handleUpdate(input, (inner) => {
      // The approval's context from here on, even if the handler then fails: it is only tracing.
      this.phase.approval = otel.context.active();
      return next(inner);
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
    if (!this.phase.traced) return next(input);
    const parent = this.parent();
    return parent ? otel.context.with(parent, () => super.scheduleActivity(input, next)) : super.scheduleActivity(input, next);
  }

  override startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): ReturnType<OpenTelemetryOutboundInterceptor['startChildWorkflowExecution']> {
    if (!this.phase.traced) return next(input);
    const parent = this.parent();
    return parent ? otel.context.with(parent, () => super.startChildWorkflowExecution(input, next)) : super.startChildWorkflowExecution(input, next);
  }

  override scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    return this.phase.traced ? super.scheduleLocalActivity(input, next) : next(input);
  }

  override continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return this.phase.traced ? super.continueAsNew(input, next) : next(input);
  }

  override signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>): Promise<void> {
    return this.phase.traced ? super.signalWorkflow(input, next) : next(input);
  }

  override startNexusOperation(input: StartNexusOperationInput, next: Next<WorkflowOutboundCallsInterceptor, 'startNexusOperation'>): Promise<StartNexusOperationOutput> {
    return this.phase.traced ? super.startNexusOperation(input, next) : next(input);
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
