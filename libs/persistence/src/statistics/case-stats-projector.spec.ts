import { CaseStatsProjector } from './case-stats-projector';
import type { CaseStatisticsRepository } from './case-statistics.repository';

/** A repository whose every round folds `perRound` facts (a mailing adding facts all the time). */
function busyStats(perRound: number): { stats: CaseStatisticsRepository; rounds: () => number } {
  let rounds = 0;
  const stats = {
    backfill: async () => 0,
    holdLease: async () => true,
    foldPending: async () => {
      rounds += 1;
      return perRound;
    },
  } as unknown as CaseStatisticsRepository;
  return { stats, rounds: () => rounds };
}

describe('CaseStatsProjector pacing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pauses after a partial batch instead of folding again at once', async () => {
    const { stats, rounds } = busyStats(2);
    const projector = new CaseStatsProjector(stats, { batch: 100, busyIntervalMs: 200 });
    projector.start();
    await jest.advanceTimersByTimeAsync(1_000);
    // One round at once, then one per 200 ms: about 6 in a second (without the pause: thousands).
    expect(rounds()).toBeGreaterThanOrEqual(5);
    expect(rounds()).toBeLessThanOrEqual(7);
    await projector.stop();
  });

  it('keeps folding without a pause while full batches come (a backlog)', async () => {
    const { stats, rounds } = busyStats(100);
    const projector = new CaseStatsProjector(stats, { batch: 100, busyIntervalMs: 200 });
    projector.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(rounds()).toBeGreaterThan(20);
    await projector.stop();
  });

  it('waits the idle interval when nothing was pending', async () => {
    const { stats, rounds } = busyStats(0);
    const projector = new CaseStatsProjector(stats, { batch: 100, intervalMs: 500 });
    projector.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(rounds()).toBeGreaterThanOrEqual(2);
    expect(rounds()).toBeLessThanOrEqual(3);
    await projector.stop();
  });
});
