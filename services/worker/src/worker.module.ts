import { Module } from '@nestjs/common';
import { loadConfig, loadSecrets, workerSchema, type WorkerConfig } from '@handover/config';
import { createLogger, type Logger } from '@handover/logging';
import { WorkerHost } from './worker-host';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export const WORKER_LOGGER = Symbol('WORKER_LOGGER');

/** The worker's Nest application context: config, logger and the Temporal worker host. */
@Module({
  providers: [
    { provide: WORKER_CONFIG, useFactory: (): WorkerConfig => loadConfig(workerSchema) },
    { provide: WORKER_LOGGER, useFactory: (config: WorkerConfig): Logger => createLogger('worker', config.LOG_LEVEL), inject: [WORKER_CONFIG] },
    {
      provide: WorkerHost,
      useFactory: (config: WorkerConfig, logger: Logger) => new WorkerHost(config, loadSecrets(config).masterKeys, logger),
      inject: [WORKER_CONFIG, WORKER_LOGGER],
    },
  ],
})
export class WorkerModule {}
