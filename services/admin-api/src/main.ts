import 'reflect-metadata';
import type { Server } from 'node:http';
import { CaseStatisticsRepository } from '@handover/persistence';
import { casePhase, startMetricsServer } from '@handover/metrics';
import { createAdminApi, adminApiConfig } from './bootstrap';

async function main(): Promise<void> {
  const app = await createAdminApi();
  const config = adminApiConfig(app);
  await app.listen(config.ADMIN_PORT, config.ADMIN_HOST);
  // Idle keep-alive connections outlive the clients' own idle timeout (undici: the server's hint less 2 s;
  // load balancers: 60 s), so a client never sends on a socket the server is closing at that moment.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  console.log(`admin API listening on http://${config.ADMIN_HOST}:${config.ADMIN_PORT} (docs: /docs)`);
  if (config.ADMIN_METRICS_PORT > 0) {
    const statistics = app.get(CaseStatisticsRepository);
    // Cases by phase are the admin API's to count (one collector, whatever the number of replicas of the others).
    const beforeScrape = async (): Promise<void> => {
      const rows = await statistics.casesByPhase();
      casePhase.reset();
      for (const row of rows) casePhase.set({ status: row.status, phase: row.phase }, row.cases);
    };
    await startMetricsServer({ port: config.ADMIN_METRICS_PORT, host: config.METRICS_HOST, beforeScrape });
    console.log(`admin API metrics on http://${config.METRICS_HOST}:${config.ADMIN_METRICS_PORT}/metrics`);
  }
}

main().catch((error: unknown) => {
  console.error('admin API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
