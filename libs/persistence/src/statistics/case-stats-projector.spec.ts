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

/** Rounds a projector runs in `ms` of fake time when every round folds `perRound` facts. */
async function roundsIn(ms: number, perRound: number, options: ConstructorParameters<typeof CaseStatsProjector>[1]): Promise<number> {
  const { stats, rounds } = busyStats(perRound);
  const projector = new CaseStatsProjector(stats, options);
  projector.start();
  await jest.advanceTimersByTimeAsync(ms);
  await projector.stop();
  return rounds();
}

describe('CaseStatsProjector pacing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pauses after a partial batch instead of folding again at once', async () => {
    // One round at once, then one per 200 ms: about 6 in a second (without the pause: thousands).
    const rounds = await roundsIn(1_000, 2, { batch: 100, busyIntervalMs: 200 });
    expect(rounds).toBeGreaterThanOrEqual(5);
    expect(rounds).toBeLessThanOrEqual(7);
  });

  it('keeps folding without a pause while full batches come (a backlog)', async () => {
    expect(await roundsIn(100, 100, { batch: 100, busyIntervalMs: 200 })).toBeGreaterThan(20);
  });

  it('waits the idle interval when nothing was pending', async () => {
    const rounds = await roundsIn(1_000, 0, { batch: 100, intervalMs: 500 });
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(rounds).toBeLessThanOrEqual(3);
  });
});
