import type { ThirdPartyAnswerKind, ThirdPartyStatus, ThirdPartySummary } from '@handover/contracts';

/**
 * The third party's status as the API shows it, derived (pure) from what its workflow wrote on the
 * document and from its answer, which wins: an answer is never hidden by an `overdue` written
 * around the same time (FerretDB v1 may lose one of two concurrent updates of a document).
 *
 * - deleted, not held, retained under legal hold (lawful retention, Art. 47: storage only, with
 *   basis and end date) → `confirmed`; an exception (data kept for another reason) → `exception`.
 * - no answer: the document's own state (`pending`, `requested`, `overdue`).
 */
export function statusOfAnswer(kind: ThirdPartyAnswerKind): 'confirmed' | 'exception' {
  return kind === 'exception' ? 'exception' : 'confirmed';
}

export interface StatusFacts {
  /** The status stored on the document. */
  stored: string;
  answerKind?: ThirdPartyAnswerKind | null | undefined;
}

const UNANSWERED: ReadonlySet<string> = new Set(['pending', 'requested', 'overdue']);

export function deriveThirdPartyStatus({ stored, answerKind }: StatusFacts): ThirdPartyStatus {
  if (answerKind) return statusOfAnswer(answerKind);
  // A projection without its answer document cannot happen (the answer is inserted first); a
  // stored confirmed/exception alone is read as requested, the conservative reading.
  return UNANSWERED.has(stored) ? (stored as ThirdPartyStatus) : 'requested';
}

/** An answer is late when given at or after the due time (the instant itself counts as passed). */
export function isLateAnswer(at: Date, dueAt: Date | null | undefined): boolean {
  return dueAt !== null && dueAt !== undefined && at.getTime() >= dueAt.getTime();
}

/** Whether an identical answer is being repeated (a retry): same kind and same facts. */
export function sameAnswer(
  a: { kind: string; deletedAt?: string | undefined; retainedUntil?: string | undefined },
  b: { kind: string; deletedAt?: string | undefined; retainedUntil?: string | undefined },
): boolean {
  return a.kind === b.kind && (a.deletedAt ?? null) === (b.deletedAt ?? null) && (a.retainedUntil ?? null) === (b.retainedUntil ?? null);
}

export interface SummaryItem {
  status: ThirdPartyStatus;
  late: boolean;
}

/** The counts the workflow decides on and returns. */
export function summarizeStatuses(items: readonly SummaryItem[]): ThirdPartySummary {
  const summary: ThirdPartySummary = { total: 0, confirmed: 0, exceptions: 0, overdue: 0, late: 0, pending: 0, unanswered: 0 };
  for (const item of items) {
    summary.total += 1;
    if (item.late) summary.late += 1;
    switch (item.status) {
      case 'confirmed':
        summary.confirmed += 1;
        break;
      case 'exception':
        summary.exceptions += 1;
        break;
      case 'overdue':
        summary.overdue += 1;
        summary.unanswered += 1;
        break;
      case 'pending':
        summary.pending += 1;
        summary.unanswered += 1;
        break;
      default:
        summary.unanswered += 1;
    }
  }
  return summary;
}
