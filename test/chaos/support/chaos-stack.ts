import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Client, Connection as TemporalConnection, type WorkflowHandle } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { connectMongo } from '@handover/persistence';
import { handoverDataConverter } from '@handover/temporal';
import { mongoUriFor, TEST_MASTER_KEY, type TestEnv } from '@handover/testing';
import type { ServiceProcess } from './worker-process';

/** The chaos suites' database: shared by them, apart from the services' own. */
export const CHAOS_DATABASE = 'handover_chaos';

/** Environment of a worker process of a chaos suite: its own task queue, the chaos database (or `database`). */
export function chaosWorkerEnv(env: TestEnv, taskQueue: string, database = CHAOS_DATABASE): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: mongoUriFor(database),
    TEMPORAL_ADDRESS: env.temporalAddress,
    SMTP_URL: env.smtpUrl,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKER_HEALTH_PORT: '0',
    WORKER_METRICS_PORT: '0',
    HANDOVER_MASTER_KEY: TEST_MASTER_KEY,
    HANDOVER_DATA_DIR: env.dataDir,
    MAIL_DOMAIN: 'chaos.handover.test',
  };
}

export interface ChaosConnections {
  mongo: Connection;
  temporal: TemporalConnection;
  /** A Temporal client with the project's payload codec. */
  client: Client;
}

export async function connectChaos(env: TestEnv, database = CHAOS_DATABASE): Promise<ChaosConnections> {
  const mongo = await connectMongo(mongoUriFor(database));
  const temporal = await TemporalConnection.connect({ address: env.temporalAddress });
  return { mongo, temporal, client: new Client({ connection: temporal, dataConverter: handoverDataConverter(TEST_MASTER_KEY) }) };
}

/** Attempt of each completed run of `activityType` in the workflow's history (the attempt that completed it). */
export async function activityAttempts(handle: WorkflowHandle, activityType: string): Promise<number[]> {
  const history = await handle.fetchHistory();
  const scheduled = new Set<string>();
  const attempts: number[] = [];
  for (const event of history.events ?? []) {
    if (event.activityTaskScheduledEventAttributes?.activityType?.name === activityType) scheduled.add(String(event.eventId));
    const started = event.activityTaskStartedEventAttributes;
    if (started && scheduled.has(String(started.scheduledEventId))) attempts.push(started.attempt ?? 0);
  }
  return attempts;
}

/**
 * The secrets every replica of a topology must share (master key, admin token, audit keys), set
 * explicitly: a replica with a data folder of its own would otherwise generate its own there.
 */
export function sharedSecretsEnv(): NodeJS.ProcessEnv {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    HANDOVER_MASTER_KEY: TEST_MASTER_KEY,
    HANDOVER_ADMIN_TOKEN: `hov_topology_${randomBytes(18).toString('base64url')}`,
    HANDOVER_AUDIT_KEY: randomBytes(32).toString('base64'),
    HANDOVER_AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** One replica of a service: its process and the address clients reach it at (none for a worker). */
export interface Replica {
  process: ServiceProcess;
  url: string;
}

/**
 * Spreads requests over replicas in turn, as a load balancer would, skipping those that are not
 * running (a balancer's health check takes a killed replica out of rotation).
 */
export class RoundRobin {
  private turn = 0;

  constructor(readonly replicas: readonly Replica[]) {}

  next(): Replica {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[this.turn++ % this.replicas.length] as Replica;
      if (replica.process.running) return replica;
    }
    throw new Error('no replica running');
  }
}
