import { MockActivityEnvironment } from '@temporalio/testing';
import type { Connection } from 'mongoose';
import { AuditRepository, connectMongo } from '@handover/persistence';
import { servicesMasterKey, testEnv } from '@handover/testing';
import { buildActivities } from './activities.factory';

jest.setTimeout(60_000);

const QUIET = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const noMail = { send: () => Promise.reject(new Error('no mail in this test')), verify: () => Promise.resolve(true), close: () => undefined };

/**
 * Issue 15: an activity that appended its audit event and then failed is retried by Temporal; the
 * retry must not put the same event on the trail a second time. The activities are the worker's
 * own (buildActivities), run in a Temporal activity context with the attempt's identity.
 */
describe('audit events of retried activities', () => {
  let connection: Connection;
  let audit: AuditRepository;
  let activities: Record<string, (...args: never[]) => Promise<unknown>>;
  const caseIds: string[] = [];

  beforeAll(async () => {
    connection = await connectMongo(testEnv().mongoUri);
    audit = new AuditRepository(connection);
    activities = buildActivities({ connection, mailer: noMail as never, masterKey: servicesMasterKey(), mailDomain: 'handover.test', logger: QUIET as never });
  });

  afterAll(async () => {
    for (const name of ['audit_events', 'case_stat_facts']) await connection.collection(name).deleteMany({ caseId: { $in: caseIds } });
    await connection.close();
  });

  /** One attempt of recordCasePhase as Temporal would run it: same workflow, same activity id, attempt n. */
  const attempt = (caseId: string, activityId: string, n: number): Promise<unknown> => {
    const env = new MockActivityEnvironment(
      { activityId, attempt: n, workflowExecution: { workflowId: `case-${caseId}`, runId: 'run-1' }, activityType: 'recordCasePhase' },
      { logger: QUIET as never },
    );
    const record = activities['recordCasePhase'] as (input: { caseId: string; phase: string }) => Promise<unknown>;
    return env.run(() => record({ caseId, phase: 'inventory' }));
  };

  const actions = async (caseId: string): Promise<string[]> => (await audit.list(caseId)).map((event) => event.action);

  it('records the event of an activity once however often Temporal retries it', async () => {
    const caseId = `cs_retry${Date.now().toString(36)}`;
    caseIds.push(caseId);
    await attempt(caseId, '7', 1);
    await attempt(caseId, '7', 2);
    await attempt(caseId, '7', 3);
    expect(await actions(caseId)).toEqual(['phase.started']);
  });

  it('records each execution of the activity (another activity id) as its own event', async () => {
    const caseId = `cs_again${Date.now().toString(36)}`;
    caseIds.push(caseId);
    await attempt(caseId, '7', 1);
    await attempt(caseId, '12', 1);
    expect(await actions(caseId)).toEqual(['phase.started', 'phase.started']);
  });
});
