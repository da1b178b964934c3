import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { FieldCipher, hashToken } from '@handover/crypto';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import type { RecordThirdPartyAnswerInput } from './third-party.entity';
import { ThirdPartyAnswerRejectedError } from './third-party.errors';
import { ThirdPartyRepository } from './third-party.repository';
import { THIRD_PARTY_COLLECTION } from './third-party.schema';
import { THIRD_PARTY_ANSWER_COLLECTION } from './third-party-answer.schema';

/** Third parties and their answers against the real MongoDB-compatible server (one writer per document). */
describe('ThirdPartyRepository on the real database', () => {
  let connection: Connection;
  let repository: ThirdPartyRepository;
  const cipher = FieldCipher.fromDataKey(randomBytes(32), 'it-third-parties');
  let caseId: string;
  const dueAt = new Date(Date.now() + 3_600_000);

  const answer = (thirdPartyId: string, extra: Partial<RecordThirdPartyAnswerInput> = {}): RecordThirdPartyAnswerInput => ({
    caseId, thirdPartyId, kind: 'deleted', confirmedBy: '王工', method: 'overwrite', deletedAt: '2026-03-01', channel: 'portal-json',
    tokenHash: hashToken(`token-${thirdPartyId}`), ip: '203.0.113.9', userAgent: 'tp-int-spec', cipher, ...extra,
  });
  const add = async (name: string): Promise<string> => {
    const id = await repository.create({ caseId, name, email: `${name}@tp.example`, categories: ['contact'] }, cipher);
    expect(await repository.markRequested(id, new Date(), dueAt)).toBe(true);
    return id;
  };

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_third_parties'));
    repository = new ThirdPartyRepository(connection);
    await repository.ensureIndexes();
  });

  beforeEach(() => {
    caseId = `cs_it_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  });

  afterAll(async () => {
    await connection.close();
  });

  it('stores name, email and who confirmed encrypted, and moves pending → requested once', async () => {
    const id = await add('alpha');
    expect(await repository.markRequested(id, new Date(), new Date(0))).toBe(false);
    await repository.recordAnswer(answer(id));
    const raw = JSON.stringify([
      await connection.db!.collection(THIRD_PARTY_COLLECTION).findOne({ _id: id as never }),
      await connection.db!.collection(THIRD_PARTY_ANSWER_COLLECTION).findOne({ _id: id as never }),
    ]);
    for (const value of ['alpha', 'alpha@tp.example', '王工', '203.0.113.9', 'overwrite']) expect(raw).not.toContain(value);
    expect(await repository.answerClient(caseId, id, cipher)).toEqual({ confirmedBy: '王工', ip: '203.0.113.9', userAgent: 'tp-int-spec' });
    expect((await repository.list(caseId, cipher))[0]).toMatchObject({ id, name: 'alpha', status: 'confirmed', late: false, dueAt });
  });

  it('keeps the first answer: an identical retry changes nothing, a different one is ALREADY_ANSWERED', async () => {
    const id = await add('beta');
    const first = await repository.recordAnswer(answer(id));
    const again = await repository.recordAnswer(answer(id, { now: new Date(Date.now() + 60_000) }));
    expect(again).toMatchObject({ changed: false, answeredAt: first.answeredAt });
    const error: unknown = await repository.recordAnswer(answer(id, { kind: 'not-held' })).then(() => null, (e: unknown) => e);
    expect(error instanceof ThirdPartyAnswerRejectedError ? error.code : error).toBe('ALREADY_ANSWERED');
    // Concurrent first answers: exactly one evidence document.
    const gamma = await add('gamma');
    const results = await Promise.allSettled([repository.recordAnswer(answer(gamma)), repository.recordAnswer(answer(gamma, { kind: 'not-held' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await connection.db!.collection(THIRD_PARTY_ANSWER_COLLECTION).countDocuments({ _id: gamma as never })).toBe(1);
  });

  it('never lets an overdue mark hide an answer: reads derive from the answer, and the repair restores the projection', async () => {
    const id = await add('delta');
    await repository.recordAnswer(answer(id));
    // What a lost update looks like: the overdue pass overwrote the portal's projection.
    await connection.db!.collection(THIRD_PARTY_COLLECTION).updateOne({ _id: id as never }, { $set: { status: 'overdue' }, $unset: { answerKind: '', late: '' } });
    expect((await repository.summary(caseId)).confirmed).toBe(1);
    expect(await connection.db!.collection(THIRD_PARTY_COLLECTION).countDocuments({ caseId, status: 'confirmed' })).toBe(0);
    expect(await repository.reapplyAnswers(caseId)).toBe(1);
    expect(await connection.db!.collection(THIRD_PARTY_COLLECTION).countDocuments({ caseId, status: 'confirmed' })).toBe(1);
    expect(await repository.reapplyAnswers(caseId)).toBe(0);
  });

  it('records a late answer as late, and reports every answer kind with its facts', async () => {
    const late = await repository.create({ caseId, name: 'epsilon', email: 'e@tp.example', categories: ['orders'] }, cipher);
    await repository.markRequested(late, new Date(Date.now() - 120_000), new Date(Date.now() - 60_000));
    expect(await repository.markOverdue(late, new Date())).toBe(true);
    const hold = await add('zeta');
    const exception = await add('eta');
    expect(await repository.recordAnswer(answer(late))).toMatchObject({ status: 'confirmed', late: true, changed: true });
    await repository.recordAnswer(answer(hold, { kind: 'legal-hold', method: undefined, deletedAt: undefined, basis: '会计档案管理办法 第十四条', retainedUntil: '2036-01-01' }));
    await repository.recordAnswer(answer(exception, { kind: 'exception', deletedAt: undefined, explanation: 'tapes rotate in 30 days' }));
    const report = await repository.listForReport(caseId, { cipherFor: () => Promise.resolve(cipher) });
    expect(report.map((r) => [r.name, r.status, r.late, r.answer?.kind])).toEqual([
      ['epsilon', 'confirmed', true, 'deleted'],
      ['zeta', 'confirmed', false, 'legal-hold'],
      ['eta', 'exception', false, 'exception'],
    ]);
    expect(report[0]?.answer).toEqual({ kind: 'deleted', method: 'overwrite', deletedAt: '2026-03-01' });
    expect(report[1]?.answer).toEqual({ kind: 'legal-hold', basis: '会计档案管理办法 第十四条', retainedUntil: '2036-01-01' });
    expect(await repository.summary(caseId)).toEqual({ total: 3, confirmed: 2, exceptions: 1, overdue: 0, late: 1, pending: 0, unanswered: 0 });
    await expect(repository.listForReport(caseId, { cipherFor: () => Promise.resolve(null) })).rejects.toThrow(/no data key/);
  });
});
