import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { handoverDataConverter, temporalConnectionOptions } from '@handover/temporal';
import type { Logger } from '@handover/logging';
import { NodemailerMailer } from '@handover/mail';
import { auditSealingFrom, CaseRepository, CaseStatisticsRepository, CaseStatsProjector, connectMongo, DerivationKeyStore, openBlobStore, syncIndexes, type DatabaseConnection } from '@handover/persistence';
import { loadAuditSecrets, mailInFlight, type MasterKeys, type WorkerConfig } from '@handover/config';
import { MasterKeyring } from '@handover/crypto';
import { startMetricsServer } from '@handover/metrics';
import { startTracing, tracingActivityInterceptor, tracingWorkflowSinks, type Tracing } from '@handover/tracing';
import type { Server } from 'node:http';
import { assertChromium } from '@handover/activities';
import { buildActivities, buildHoldExpirySweep } from './activities.factory';
import { loadWorkflowBundle } from './workflow-bundle';
import { workflowCacheOptions } from './workflow-cache-options';
import { activityMetricsInterceptor, temporalSdkMetrics } from './worker-metrics';

/**
 * Hosts the Temporal worker: connects MongoDB, SMTP and Temporal, runs until SIGINT/SIGTERM,
 * then drains in-flight activities (the SDK's shutdown) before closing its connections.
 */
export class WorkerHost {
  private worker?: Worker;
  private mongo?: DatabaseConnection;
  private mailer?: NodemailerMailer;
  private temporal?: NativeConnection;
  private projector?: CaseStatsProjector;
  private metrics?: Server;
  private holdSweep?: NodeJS.Timeout;
  private tracing?: Tracing;

  constructor(
    private readonly config: WorkerConfig,
    private readonly masterKeys: MasterKeys,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    // The report activity prints PDFs with Chromium: without it the worker refuses to start
    // (ChromiumMissingError names CHROMIUM_PATH) rather than fail each closing case later.
    assertChromium(this.config.CHROMIUM_PATH);
    // Traces (OTEL_EXPORTER_OTLP_ENDPOINT): unset, nothing is set up and the workflow bundle has no tracing interceptors.
    this.tracing = startTracing('worker', this.config.OTEL_EXPORTER_OTLP_ENDPOINT);
    const sdkMetricsPort = this.config.WORKER_METRICS_PORT > 0 ? this.config.TEMPORAL_SDK_METRICS_PORT : 0;
    Runtime.install({
      shutdownSignals: ['SIGINT', 'SIGTERM'],
      logger: temporalLogger(this.logger),
      ...(sdkMetricsPort > 0 && { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } } }),
    });
    if (this.config.WORKER_METRICS_PORT > 0) {
      this.metrics = (
        await startMetricsServer({
          port: this.config.WORKER_METRICS_PORT,
          host: this.config.METRICS_HOST,
          ...(sdkMetricsPort > 0 && { extra: temporalSdkMetrics(sdkMetricsPort) }),
        })
      ).server;
      this.logger.info({ port: this.config.WORKER_METRICS_PORT }, 'worker metrics served at /metrics');
    }
    this.mongo = await connectMongo(this.config.MONGODB_URI);
    // The master keyring wraps the case keys; the derivation key (read from the database) derives the rest.
    const masterKeys = MasterKeyring.from(this.masterKeys);
    const derivationKey = (await new DerivationKeyStore(this.mongo, masterKeys).load()).toBase64();
    this.mailer = new NodemailerMailer({
      smtpUrl: this.config.SMTP_URL,
      from: this.config.MAIL_FROM,
      maxConnections: this.config.SMTP_MAX_CONNECTIONS,
      ratePerSecond: this.config.SMTP_RATE_PER_SECOND,
    });
    const auditSealing = auditSealingFrom(loadAuditSecrets(this.config), this.config, this.logger);
    const activities = buildActivities({
      connection: this.mongo,
      mailer: this.mailer,
      masterKey: derivationKey,
      masterKeys,
      mailDomain: this.config.MAIL_DOMAIN,
      logger: this.logger,
      portalUrl: this.config.PORTAL_URL,
      mailConcurrency: mailInFlight(this.config),
      internalAddresses: this.config.INCIDENT_INTERNAL_ADDRESSES,
      dataDir: this.config.HANDOVER_DATA_DIR,
      blobs: openBlobStore(this.config, this.mongo),
      chromiumPath: this.config.CHROMIUM_PATH,
      auditSealing,
    });
    // Models are registered by the repositories above; build their indexes before any work.
    await syncIndexes(this.mongo);
    // Cases opened before the case list's search field existed get it now, before any work.
    const backfilled = await new CaseRepository(this.mongo).backfillSearchNames();
    if (backfilled > 0) this.logger.info({ cases: backfilled }, 'case search names backfilled');
    // The one writer of the case-status documents (one worker at a time holds its lease).
    this.projector = new CaseStatsProjector(new CaseStatisticsRepository(this.mongo), {
      onError: (error) => this.logger.warn({ err: (error as Error).name, message: (error as Error).message }, 'case status projector round failed; retrying'),
    });
    this.projector.start();
    // Legal holds that ended are erased by the first sweep after their last day (HOLD_SWEEP_INTERVAL_SECONDS; 0: off).
    if (this.config.HOLD_SWEEP_INTERVAL_SECONDS > 0) {
      const sweep = buildHoldExpirySweep({ connection: this.mongo, masterKey: derivationKey, masterKeys, logger: this.logger, auditSealing });
      let sweeping = false;
      const run = () => {
        if (sweeping) return;
        sweeping = true;
        sweep()
          .catch((error: unknown) => this.logger.warn({ err: (error as Error).name, message: (error as Error).message }, 'hold-expiry sweep failed; next round retries'))
          .finally(() => (sweeping = false));
      };
      run();
      this.holdSweep = setInterval(run, this.config.HOLD_SWEEP_INTERVAL_SECONDS * 1000);
      this.holdSweep.unref();
    }
    this.temporal = await NativeConnection.connect(temporalConnectionOptions(this.config));
    this.worker = await Worker.create({
      connection: this.temporal,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await loadWorkflowBundle(this.config.HANDOVER_DATA_DIR, { tracing: this.tracing !== undefined }),
      ...(this.tracing && { sinks: tracingWorkflowSinks(this.tracing) }),
      activities,
      // A plain payload (a forged update or signal sent around the API) is refused and logged.
      dataConverter: handoverDataConverter(derivationKey, {
        unencrypted: 'refuse-in-workflow',
        onRefused: () => this.logger.warn({ event: 'security.unencrypted-payload' }, 'unencrypted Temporal payload refused (sent around the API?)'),
      }),
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      ...workflowCacheOptions(this.config.WORKER_MAX_CACHED_WORKFLOWS),
      shutdownGraceTime: '10 seconds',
      // Tracing first: the activity (and its timing) runs inside the activity's span.
      interceptors: { activity: [...(this.tracing ? [tracingActivityInterceptor] : []), activityMetricsInterceptor] },
    });
  }

  /** Resolves when the worker has drained after a shutdown signal. */
  async run(): Promise<void> {
    if (!this.worker) throw new Error('WorkerHost.start() must be called first');
    this.logger.info({ taskQueue: this.config.TEMPORAL_TASK_QUEUE }, 'worker running');
    try {
      await this.worker.run();
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.holdSweep) clearInterval(this.holdSweep);
    await this.projector?.stop().catch(() => undefined);
    this.mailer?.close();
    await this.temporal?.close().catch(() => undefined);
    await this.mongo?.close().catch(() => undefined);
    this.metrics?.close();
    await this.tracing?.shutdown().catch(() => undefined);
    this.logger.info('worker stopped');
  }
}

function temporalLogger(logger: Logger) {
  const at = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string, meta?: Record<string, unknown>) => {
    // SDK metadata can include workflow ids and task queues, never payloads (they are encrypted anyway).
    logger[level]({ sdk: true, ...(meta && { workflowId: meta['workflowId'], activityType: meta['activityType'] }) }, message);
  };
  return { log: (level: string, message: string) => logger.info({ sdk: true, level }, message), trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
