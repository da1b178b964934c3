import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { WorkerConfig } from '@handover/config';
import { PinoNestLogger, type Logger } from '@handover/logging';
import { WORKER_CONFIG, WORKER_LOGGER, WorkerModule } from './worker.module';
import { WorkerHost } from './worker-host';

/** Entry point of the worker process: starts, runs until SIGINT/SIGTERM, drains, exits. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  const config = app.get<WorkerConfig>(WORKER_CONFIG);
  app.useLogger(new PinoNestLogger(app.get<Logger>(WORKER_LOGGER)));
  const host = app.get(WorkerHost);
  await host.start();
  const health = config.WORKER_HEALTH_PORT ? startHealthServer(config.WORKER_HEALTH_PORT) : undefined;
  console.log(`worker ready (task queue ${config.TEMPORAL_TASK_QUEUE}, Temporal ${config.TEMPORAL_ADDRESS})`);
  await host.run();
  health?.close();
  await app.close();
}

function startHealthServer(port: number): Server {
  return createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  }).listen(port, '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error('worker failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
