import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { FieldCipher, hashToken } from '@handover/crypto';
import { mongoUriFor } from '@handover/testing';
import { CASE_COLLECTION } from '../cases/case.schema';
import { CUSTOMER_COLLECTION, type CustomerDocument } from '../customers/customer.schema';
import { connectMongo } from '../mongo-connection';
import { AnswerRejectedError, AnswerSubjectNotFoundError } from './answer.errors';
import type { RecordAnswerInput } from './answer.entity';
import { AnswerRepository } from './answer.repository';
import { CONSENT_EVIDENCE_COLLECTION } from './consent-evidence.schema';

/** Answers and their evidence against the real MongoDB-compatible server. */
describe('AnswerRepository on the real database', () => {
  let connection: Connection;
  let answers: AnswerRepository;
  const cipher = FieldCipher.fromDataKey(randomBytes(32), 'it-answers');
  const ip = '203.0.113.77';
  const userAgent = 'Mozilla/5.0 (answers-int-spec)';
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const past = new Date(Date.now() - 86_400_000).toISOString();
  let caseId: string;

  const customer = (ref: string, route: string): CustomerDocument => ({
    _id: `${caseId}:${ref}`, caseId, ref, importId: 'imp_it', line: 1, rowHash: 'h', personalEnc: 'x',
    type: 'individual', tier: 'standard', productLines: [], sensitive: [], minor: false, reachable: true,
    channels: { email: true, phone: false }, route,
  });
  const input = (ref: string, decision: RecordAnswerInput['decision'], extra: Partial<RecordAnswerInput> = {}): RecordAnswerInput => ({
    caseId, ref, decision, channel: 'portal-json', tokenHash: hashToken(`token-${ref}`), wordingVersion: 'notice/zh-CN/2026.1',
    ip, userAgent, cipher, ...extra,
  });
  const rejection = async (promise: Promise<unknown>): Promise<string> => {
    const error: unknown = await promise.then(() => null, (e: unknown) => e);
    return error instanceof AnswerRejectedError ? error.code : `not rejected: ${String(error)}`;
  };

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_answers'));
    answers = new AnswerRepository(connection);
    await answers.ensureIndexes();
  });

  beforeEach(async () => {
    caseId = `cs_it_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await connection.db!.collection(CASE_COLLECTION).insertOne({ _id: caseId as never, notification: { noticeDeadline: future, consentDeadline: future } });
    await connection.db!.collection<CustomerDocument>(CUSTOMER_COLLECTION).insertMany([
      customer('c1', 'separate-consent'), customer('n1', 'notice'), customer('g1', 'guardian-consent'), customer('d1', 'delete'),
    ]);
  });

  afterAll(async () => {
    await connection.close();
  });

  it('records a consent: evidence with encrypted IP and user agent, and the decision on the customer', async () => {
    const outcome = await answers.record(input('c1', 'consent'));
    expect(outcome).toMatchObject({ decision: 'consent', changed: true });

    const stored = await connection.db!.collection<CustomerDocument>(CUSTOMER_COLLECTION).findOne({ _id: `${caseId}:c1` });
    expect(stored).toMatchObject({ decision: 'consent', decisionAt: outcome.recordedAt });

    const evidence = await answers.evidenceOf(caseId, 'c1');
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      caseId, ref: 'c1', decision: 'consent', scope: 'separate-consent', channel: 'portal-json',
      wordingVersion: 'notice/zh-CN/2026.1', tokenHash: hashToken('token-c1'),
    });
    const raw = JSON.stringify(await connection.db!.collection(CONSENT_EVIDENCE_COLLECTION).find({ caseId }).toArray());
    expect(raw).not.toContain(ip);
    expect(raw).not.toContain('answers-int-spec');
    expect(AnswerRepository.decryptClient(evidence[0]!, cipher)).toEqual({ ip, userAgent });
  });

  it('is idempotent for a repeated identical answer: no new evidence, the same state and time', async () => {
    const first = await answers.record(input('n1', 'object'));
    const again = await answers.record(input('n1', 'object', { channel: 'portal-html' }));
    expect(again).toEqual({ decision: 'object', recordedAt: first.recordedAt, changed: false });
    expect(await answers.evidenceOf(caseId, 'n1')).toHaveLength(1);
  });

  it('records one proof for a double submit of the same answer', async () => {
    const results = await Promise.all([answers.record(input('g1', 'consent')), answers.record(input('g1', 'consent'))]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await answers.evidenceOf(caseId, 'g1')).toHaveLength(1);
  });

  it('refuses a decision that does not fit the route with a code, writing nothing', async () => {
    expect(await rejection(answers.record(input('n1', 'consent')))).toBe('WRONG_DECISION_FOR_ROUTE');
    expect(await rejection(answers.record(input('c1', 'object')))).toBe('WRONG_DECISION_FOR_ROUTE');
    expect(await rejection(answers.record(input('d1', 'object')))).toBe('NO_ANSWER_EXPECTED');
    expect(await connection.db!.collection(CONSENT_EVIDENCE_COLLECTION).countDocuments({ caseId })).toBe(0);
  });

  it('keeps the whole history: refuse, consent after all, withdraw (not retroactive)', async () => {
    await answers.record(input('c1', 'refuse'));
    expect(await rejection(answers.record(input('c1', 'withdraw')))).toBe('NOTHING_TO_WITHDRAW');
    await answers.record(input('c1', 'consent'));
    expect(await rejection(answers.record(input('c1', 'refuse')))).toBe('CONSENT_GIVEN');
    const withdrawn = await answers.record(input('c1', 'withdraw'));
    expect(withdrawn).toMatchObject({ decision: 'withdrawn', changed: true });
    const evidence = await answers.evidenceOf(caseId, 'c1');
    expect(evidence.map((e) => e.decision)).toEqual(['refuse', 'consent', 'withdraw']);
    expect(await answers.state(caseId, 'c1')).toMatchObject({ route: 'separate-consent', decision: 'withdrawn', deadline: future });
  });

  it('refuses answers after the route deadline but still accepts an identical repeat', async () => {
    await answers.record(input('n1', 'object'));
    await connection.db!.collection(CASE_COLLECTION).updateOne({ _id: caseId as never }, { $set: { notification: { noticeDeadline: past, consentDeadline: future } } });
    expect(await answers.record(input('n1', 'object'))).toMatchObject({ decision: 'object', changed: false });
    // The notice deadline has passed; the consent deadline has not.
    expect(await answers.record(input('c1', 'consent'))).toMatchObject({ changed: true });
    await connection.db!.collection(CASE_COLLECTION).updateOne({ _id: caseId as never }, { $set: { notification: { noticeDeadline: past, consentDeadline: past } } });
    expect(await rejection(answers.record(input('g1', 'consent')))).toBe('DEADLINE_PASSED');
    expect(await rejection(answers.record(input('c1', 'withdraw')))).toBe('DEADLINE_PASSED');
    expect((await answers.state(caseId, 'c1'))?.decision).toBe('consent');
  });

  it('reports an unknown customer as not found, and reads no state for it', async () => {
    await expect(answers.record(input('nobody', 'consent'))).rejects.toBeInstanceOf(AnswerSubjectNotFoundError);
    expect(await answers.state(caseId, 'nobody')).toBeNull();
  });

  it('shows no deadline before the notices go out', async () => {
    await connection.db!.collection(CASE_COLLECTION).updateOne({ _id: caseId as never }, { $unset: { notification: '' } });
    expect(await answers.state(caseId, 'g1')).toEqual({ caseId, ref: 'g1', route: 'guardian-consent', deadline: null });
  });
});
