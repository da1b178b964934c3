import 'reflect-metadata';
import type { Server } from 'node:http';
import { startMetricsServer } from '@handover/metrics';
import { createPortalApp, portalConfig } from './portal.app';

async function main(): Promise<void> {
  const app = await createPortalApp();
  const config = portalConfig(app);
  await app.listen(config.PORTAL_PORT, config.PORTAL_HOST);
  // Idle keep-alive connections outlive the clients' own idle timeout (undici: the server's hint less 2 s;
  // load balancers: 60 s), so a client never sends on a socket the server is closing at that moment.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  console.log(`portal listening on http://${config.PORTAL_HOST}:${config.PORTAL_PORT}`);
  if (config.PORTAL_METRICS_PORT > 0) {
    await startMetricsServer({ port: config.PORTAL_METRICS_PORT, host: config.METRICS_HOST });
    console.log(`portal metrics on http://${config.METRICS_HOST}:${config.PORTAL_METRICS_PORT}/metrics`);
  }
}

main().catch((error: unknown) => {
  console.error('portal failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
