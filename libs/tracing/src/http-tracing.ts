import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/**
 * Express middleware: one SERVER span per request, continuing a caller's `traceparent` when sent,
 * named by method and route template (`POST /v1/cases/:id/gates/:gate/approve`: never the
 * filled-in path, query or body), and active while the request is handled, so the Temporal
 * client's spans (and the workflow's, through the `_tracer-data` header) join its trace.
 */
export function httpTracingMiddleware(service: string) {
  const tracer = trace.getTracer(`handover-${service}`);
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const method = req.method ?? 'GET';
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, parent);
    res.once('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? `${req.baseUrl ?? ''}${template}` : 'unmatched';
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
