import { addCounters, checkpointFromDetails, resumePoint } from './import-checkpoint';

const stored = (line: number, accepted: number) => ({
  checkpointLine: line,
  counters: { processed: accepted + 1, accepted, rejected: 1, unchanged: 0 },
});

describe('resumePoint', () => {
  it('starts from the stored checkpoint when there are no heartbeat details', () => {
    expect(resumePoint(undefined, stored(0, 0))).toEqual({ line: 0, processed: 1, accepted: 0, rejected: 1, unchanged: 0 });
    expect(resumePoint(undefined, stored(120, 99))).toEqual({ line: 120, processed: 100, accepted: 99, rejected: 1, unchanged: 0 });
  });

  it('takes the later of heartbeat and stored checkpoint, with that checkpoint’s own counters', () => {
    const beat = { line: 300, processed: 299, accepted: 290, rejected: 9, unchanged: 0 };
    expect(resumePoint(beat, stored(120, 99))).toEqual(beat);
    expect(resumePoint({ ...beat, line: 100 }, stored(120, 99))).toEqual({ line: 120, processed: 100, accepted: 99, rejected: 1, unchanged: 0 });
  });

  it('ignores heartbeat details that are not a checkpoint', () => {
    expect(checkpointFromDetails({ line: '300' })).toBeNull();
    expect(checkpointFromDetails({ line: 3, processed: -1, accepted: 0, rejected: 0, unchanged: 0 })).toBeNull();
    expect(checkpointFromDetails(42)).toBeNull();
    expect(resumePoint({ line: 900 }, stored(10, 5)).line).toBe(10);
  });
});

describe('addCounters', () => {
  it('adds field by field', () => {
    expect(addCounters({ processed: 1, accepted: 2, rejected: 3, unchanged: 4 }, { processed: 10, accepted: 20, rejected: 30, unchanged: 40 })).toEqual({
      processed: 11,
      accepted: 22,
      rejected: 33,
      unchanged: 44,
    });
  });
});
