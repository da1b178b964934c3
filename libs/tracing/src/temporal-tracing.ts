import { join } from 'node:path';
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ClientInterceptors } from '@temporalio/client';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { Tracing } from './tracing';

/**
 * The workflow interceptor module (runs in the workflow sandbox). It must be bundled with the
 * workflow code (`workflowInterceptorModules`); the worker does so only when tracing is on.
 */
export const TRACING_WORKFLOW_MODULE = join(__dirname, 'workflow-interceptors.ts');

/** Client interceptors: starting a workflow, a signal or an update carries the active trace in a `_tracer-data` header. */
export function tracingClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** Activity interceptors: each activity runs in a span whose parent is the workflow's StartActivity span. */
export const tracingActivityInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

/**
 * The sink through which the workflow sandbox hands its finished spans to this process's span
 * processor. The interceptors (1.24.0) still build spans of the 1.x SDK's shape (`parentSpanId`,
 * `instrumentationLibrary`); they are turned into the current SDK's (`parentSpanContext`,
 * `instrumentationScope`) here, and the workflow info the sink merges into the attributes is cut
 * down to plain values (ids, type, task queue: memo and search attributes are objects and dropped).
 */
export function tracingWorkflowSinks(tracing: Tracing): InjectedSinks<OpenTelemetrySinks> {
  const processor = {
    onStart: () => undefined,
    onEnd: (span: LegacySpan) => tracing.processor.onEnd(currentShape(span)),
    forceFlush: () => tracing.processor.forceFlush(),
    shutdown: () => Promise.resolve(),
  };
  // The interceptors type their parameters with the 1.x SDK's classes; the shapes are converted above.
  return { exporter: makeWorkflowExporter(processor as never, tracing.resource as never) };
}

type LegacySpan = Omit<ReadableSpan, 'parentSpanContext' | 'instrumentationScope'> & {
  parentSpanId?: string;
  parentSpanContext?: ReadableSpan['parentSpanContext'];
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
  instrumentationScope?: ReadableSpan['instrumentationScope'];
};

function currentShape(span: LegacySpan): ReadableSpan {
  const own = span.spanContext();
  const parentSpanContext = span.parentSpanContext ?? (span.parentSpanId ? { traceId: own.traceId, spanId: span.parentSpanId, traceFlags: own.traceFlags, isRemote: false } : undefined);
  return {
    ...span,
    parentSpanContext,
    instrumentationScope: span.instrumentationScope ?? span.instrumentationLibrary ?? { name: '@temporalio/interceptor-workflow' },
    attributes: plainAttributes(span.attributes),
  };
}

function plainAttributes(attributes: Attributes): Attributes {
  const plain: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (isPlain(value)) plain[key] = value;
  }
  return plain;
}

const isPlain = (value: unknown): value is AttributeValue => ['string', 'number', 'boolean'].includes(typeof value);
