import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Connection } from 'mongoose';
import { createLogger } from '@handover/logging';
import { NodemailerMailer } from '@handover/mail';
import { connectMongo, syncIndexes } from '@handover/persistence';
import { handoverDataConverter } from '@handover/temporal';
import { mongoUriFor, TEST_MASTER_KEY, testEnv } from '@handover/testing';
import { buildActivities, type ActivityContext } from '../../services/worker/src/activities.factory';
import { loadWorkflowBundle } from '../../services/worker/src/workflow-bundle';

/** What a suite reads once its worker runs: a Temporal client environment and the database connection. */
export interface WorkflowWorker {
  temporal: TestWorkflowEnvironment;
  mongo: Connection;
}

/**
 * A worker with the real activities on a task queue of the suite's own, against the Temporal dev
 * server, FerretDB and the mail sink (SMTP), started before the calling suite's tests and drained
 * and closed after them. Call it at the top of a `describe`; the fields are set once `beforeAll` ran.
 */
export function useWorkflowWorker(options: { taskQueue: string; database: string; activities?: Pick<ActivityContext, 'dataDir' | 'internalAddresses'> }): WorkflowWorker {
  const env = testEnv();
  const harness = {} as WorkflowWorker;
  let mailer: NodemailerMailer | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    harness.temporal = await TestWorkflowEnvironment.createFromExistingServer({
      address: env.temporalAddress,
      client: { dataConverter: handoverDataConverter(TEST_MASTER_KEY) },
    });
    harness.mongo = await connectMongo(mongoUriFor(options.database));
    mailer = new NodemailerMailer({ smtpUrl: env.smtpUrl, from: 'Handover <no-reply@handover.test>' });
    const activities = buildActivities({
      connection: harness.mongo, mailer, masterKey: TEST_MASTER_KEY, mailDomain: 'handover.test', logger: createLogger('it', 'silent'), ...options.activities,
    });
    await syncIndexes(harness.mongo);
    worker = await Worker.create({
      connection: harness.temporal.nativeConnection,
      taskQueue: options.taskQueue,
      workflowBundle: await loadWorkflowBundle(env.dataDir),
      activities,
      dataConverter: handoverDataConverter(TEST_MASTER_KEY),
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    mailer?.close();
    await harness.mongo?.close();
    await harness.temporal?.teardown();
  });

  return harness;
}
