import { addDuration } from '../time/duration';
import type { IncidentDeadline } from './types';

export interface IncidentClockStarts {
  /** When the operator discovered or became aware of the incident (发现或获知). */
  awareAt: Date;
  /** When handling ended; absent while the incident is still being handled. */
  handlingEndedAt?: Date;
}

/** When a deadline falls due; null while its clock has not started (summary before handling ends). */
export function deadlineDueAt(deadline: IncidentDeadline, starts: IncidentClockStarts): Date | null {
  const start = deadline.from === 'awareness' ? starts.awareAt : starts.handlingEndedAt;
  return start ? addDuration(start, deadline.offset) : null;
}
