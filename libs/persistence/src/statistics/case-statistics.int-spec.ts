import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { CaseStatisticsRepository, CASE_STAT_FACTS_COLLECTION } from './case-statistics.repository';
import { CaseStatsProjector } from './case-stats-projector';

/**
 * The case-status read model against the real database server: many concurrent writers record
 * facts (inserts), one projector folds them, and the one document ends exact — where concurrent
 * `$inc`s on one FerretDB v1 document lose most of their increments.
 */
describe('case statistics on the real database', () => {
  let connection: Connection;
  let stats: CaseStatisticsRepository;
  const caseId = `cs_stats_${process.pid}`;

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_case_stats'));
    stats = new CaseStatisticsRepository(connection);
    await stats.initialize(caseId);
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('folds 300 concurrent deltas from many writers into one exact document', async () => {
    await Promise.all(Array.from({ length: 300 }, (_, i) => stats.add(caseId, { notified: 1, ...(i % 3 === 0 && { bounced: 1 }) })));
    const projector = new CaseStatsProjector(stats, { batch: 64 });
    expect(await projector.drain()).toBe(300);
    const figures = await stats.read(caseId);
    expect(figures?.counters).toMatchObject({ notified: 300, bounced: 100, customers: 0 });
  });

  it('applies a keyed fact once while it is pending, and a fold repeated after a crash changes nothing', async () => {
    await stats.add(caseId, { consented: 1, noResponse: -1 }, 'answer:ev_1');
    await stats.add(caseId, { consented: 1, noResponse: -1 }, 'answer:ev_1');
    const facts = connection.db!.collection(CASE_STAT_FACTS_COLLECTION);
    const pending = await facts.find({ caseId }).toArray();
    expect(pending).toHaveLength(1);
    expect(await stats.foldPending(100)).toBe(1);
    // The crash window: the document was written but the facts were not deleted yet.
    await facts.insertMany(pending);
    expect(await stats.foldPending(100)).toBe(1);
    expect((await stats.read(caseId))?.counters.consented).toBe(1);
    expect(await facts.countDocuments({ caseId })).toBe(0);
  });

  it('records phase, status and a gate approval, and gives the gates from them', async () => {
    await stats.emit(caseId, { kind: 'status', status: 'running' });
    await stats.emit(caseId, { kind: 'phase', phase: 'legal-basis' });
    await stats.emit(caseId, { kind: 'gate', gate: 'inventory', approval: { approvedBy: 'key_1', approvedAt: '2026-12-04T10:00:00.000Z' } });
    await stats.foldPending(100);
    const figures = await stats.read(caseId);
    expect(figures).toMatchObject({ status: 'running', phase: 'legal-basis', approvals: { inventory: { approvedBy: 'key_1' } } });
    expect(figures).not.toHaveProperty('lastFold');
  });

  it('recounts from the data: a case without customers counts zero everywhere, and the recount replaces the counters', async () => {
    const counters = await stats.recountAndRecord(caseId, ['notified', 'bounced']);
    expect(counters.notified).toBe(0);
    await stats.foldPending(100);
    expect((await stats.read(caseId))?.counters).toMatchObject({ notified: 0, bounced: 0, consented: 1 });
  });

  it('gives the lease of a time window to one holder only', async () => {
    const now = new Date();
    const results = await Promise.all(['a', 'b', 'c'].map((holder) => stats.holdLease(`${caseId}-${holder}`, 60_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][results.indexOf(true)]!;
    expect(await stats.holdLease(`${caseId}-${winner}`, 60_000, now)).toBe(true);
  });

  it('answers null for an unknown case', async () => {
    expect(await stats.read('cs_unknown_stats')).toBeNull();
  });
});
