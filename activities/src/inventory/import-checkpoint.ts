import type { ImportCheckpoint, ImportCounters } from '@handover/contracts';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The heartbeat details of an earlier attempt, if they are an ImportCheckpoint. */
export function checkpointFromDetails(details: unknown): ImportCheckpoint | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Record<string, unknown>;
  const { line, processed, accepted, rejected, unchanged } = d;
  if (!isCount(line) || !isCount(processed) || !isCount(accepted) || !isCount(rejected) || !isCount(unchanged)) return null;
  return { line, processed, accepted, rejected, unchanged };
}

/**
 * Where a (re)started import resumes: the later of the last heartbeat and the last stored
 * checkpoint, with the counters saved with that same checkpoint (never mixed).
 */
export function resumePoint(details: unknown, stored: { checkpointLine: number; counters: ImportCounters }): ImportCheckpoint {
  const fromStore: ImportCheckpoint = { line: stored.checkpointLine, ...countersOf(stored.counters) };
  const fromHeartbeat = checkpointFromDetails(details);
  return fromHeartbeat && fromHeartbeat.line > fromStore.line ? fromHeartbeat : fromStore;
}

export function countersOf(c: ImportCounters): ImportCounters {
  return { processed: c.processed, accepted: c.accepted, rejected: c.rejected, unchanged: c.unchanged };
}

export function addCounters(a: ImportCounters, b: ImportCounters): ImportCounters {
  return {
    processed: a.processed + b.processed,
    accepted: a.accepted + b.accepted,
    rejected: a.rejected + b.rejected,
    unchanged: a.unchanged + b.unchanged,
  };
}
