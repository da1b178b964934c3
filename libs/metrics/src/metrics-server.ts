import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './metrics';

export interface MetricsServerOptions {
  port: number;
  /** Loopback by default: the metrics are for a scraper on the same host or network policy. */
  host?: string;
  /** Text appended to the registry's (the worker: the Temporal SDK's own Prometheus series). */
  extra?: () => Promise<string>;
  /** Refreshes gauges computed on demand just before a scrape (the admin API's case phases). */
  beforeScrape?: () => Promise<void>;
}

/** Serves `GET /metrics` (Prometheus text format 0.0.4); anything else is 404. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void (async () => {
      try {
        await options.beforeScrape?.().catch(() => undefined);
        const own = await registry.metrics();
        const extra = options.extra ? await options.extra().catch(() => '') : '';
        res.writeHead(200, { 'content-type': registry.contentType }).end(extra ? `${own}\n${extra}` : own);
      } catch {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
