import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';

/** The tracing of one process: its provider's span processor and resource, and how to flush them. */
export interface Tracing {
  readonly service: string;
  readonly processor: SpanProcessor;
  readonly resource: Resource;
  /** Exports what is buffered and stops (at shutdown). */
  shutdown(): Promise<void>;
}

/**
 * Sets up OpenTelemetry tracing for one process when `endpoint` (OTEL_EXPORTER_OTLP_ENDPOINT) is
 * set: a tracer provider with the AsyncLocalStorage context manager, the W3C trace-context
 * propagator (no baggage: nothing but ids crosses a process), and a batch processor exporting
 * OTLP/HTTP JSON to `<endpoint>/v1/traces` (the exporter also honours the other standard
 * OTEL_EXPORTER_OTLP_* variables: headers, timeout, a traces-only endpoint). Unset: returns
 * undefined and registers nothing, so the API's no-op tracer is all that runs.
 */
export function startTracing(service: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  const resource = resourceFromAttributes({ 'service.name': `handover-${service}`, 'service.namespace': 'handover' });
  const processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 1000 });
  const provider = new TracerProvider({ resource, spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return { service, processor, resource, shutdown: () => provider.shutdown() };
}
