import type { Disposition } from '@handover/contracts';

/** What the deletion phase reads of a customer to decide its disposition: nothing personal. */
export interface DispositionCandidate {
  route?: string | null;
  outcome?: string | null;
}

/**
 * The disposition of one customer at the deletion phase (docs/legal.md §4–5). Pure.
 *
 * A legal hold wins over everything, a deletion request included (the law that requires keeping
 * the record limits the right to erasure, PIPL Art. 47 last paragraph); the record is then kept
 * for storage only. A customer excluded from the transfer by a deletion request or an objection
 * is deleted whatever its outcome said. Only a case with a recipient transfers anyone.
 */
export function decideDisposition(customer: DispositionCandidate, options: { excluded: boolean; hasRecipient: boolean }): Disposition {
  if (customer.route === 'hold') return 'held';
  if (options.excluded) return 'deleted';
  if (customer.outcome === 'transfer' && options.hasRecipient) return 'transferred';
  if (customer.route === 'notice-of-change') return 'unchanged';
  return 'deleted';
}
