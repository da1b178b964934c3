import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { redactPaths } from './redaction';

export type { Logger } from 'pino';

/**
 * The ids of the active trace span, when there is one (tracing on, inside a traced request or
 * activity; see libs/tracing): `trace_id` and `span_id` on the log line. Without tracing there is
 * no context manager and nothing is added.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  const ids = span?.spanContext();
  return ids && isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}

/** Structured JSON logs (one line each) with personal fields redacted and the active trace's ids. */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: traceFields,
    },
    destination,
  );
}
