import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRequestDuration } from './metrics';

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/**
 * Express middleware timing every request by route template (`/v1/cases/:id`, never the filled-in
 * path: no ids in labels), method and status. Unmatched paths count as `unmatched`.
 */
export function httpMetricsMiddleware(service: string) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const end = httpRequestDuration.startTimer();
    res.once('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? `${req.baseUrl ?? ''}${template}` : 'unmatched';
      end({ service, route, method: req.method ?? 'GET', status: String(res.statusCode) });
    });
    next();
  };
}
