/**
 * The outcome each customer gets at the deadline (docs/legal.md §1 "Outcomes"). Pure.
 *
 * - separate-consent, guardian-consent: transfer only on a standing consent. Refusal, withdrawal
 *   and silence are all "not transfer": silence is never consent.
 * - notice: transfer unless the customer objected during the waiting period.
 * - notice-of-change: "not-transfer", meaning NO DATA MOVES: the processor is unchanged (PIPL
 *   Art. 17(2)), so there is nothing to transfer and the record stays where it is. The deletion
 *   phase must not read "not-transfer" alone as "delete": it keeps notice-of-change records
 *   (their `handover` is false and their route says why).
 * - delete, hold, no route yet: not transfer.
 * - a customer a deletion request or objection excluded from the transfer (issue 8): not transfer.
 * - a record the rule engine marked untransferable (`transferable: false`, e.g. an unreachable
 *   customer on a consent route) never transfers, whatever the answer.
 */
import { ROUTES } from '../rules/types';
import { CONSENT_REQUEST_ROUTES, hasNoAnswer, isConsentRequestRoute } from './eligibility';

export type Outcome = 'transfer' | 'not-transfer';

/** The outcome phase's tally: outcomes and answers. */
export interface OutcomeCounters {
  transfer: number;
  notTransfer: number;
  consented: number;
  refused: number;
  objected: number;
  noResponse: number;
}

export interface OutcomeCandidate {
  route?: string | null;
  transferable?: boolean | null;
  decision?: string | null;
  /** Excluded from the transfer by a data-subject request (transfer_exclusions). */
  excluded?: boolean;
}

export function decideOutcome(customer: OutcomeCandidate): Outcome {
  if (customer.excluded === true) return 'not-transfer';
  if (customer.transferable === false) return 'not-transfer';
  if (isConsentRequestRoute(customer.route)) return customer.decision === 'consent' ? 'transfer' : 'not-transfer';
  if (customer.route === 'notice') return customer.decision === 'object' ? 'not-transfer' : 'transfer';
  return 'not-transfer';
}

/** One rule of {@link OUTCOME_RULES}. */
export interface OutcomeRule {
  outcome: Outcome;
  where: Readonly<Record<string, unknown>>;
  /** Matches only customers without a route: run when the check pass finds any (never in a sealed case). */
  unroutedOnly?: true;
}

const NOT_BLOCKED = { transferable: { $ne: false } } as const;

/**
 * decideOutcome as database filters, one per branch, so that a case's outcomes are written in a
 * handful of statements instead of one update per customer (FerretDB v1 reads the whole
 * collection for each per-document update: a few thousand customers outlast any heartbeat).
 * Every customer matches exactly one rule, and that rule's outcome is decideOutcome's (unit
 * test); exclusions are applied separately, by id. fixOutcomes re-reads every customer afterwards
 * and checks the stored outcome against decideOutcome.
 *
 * One rule per route, each comparing scalars only (`route` equal to one route, not `$in` / `$nin`):
 * FerretDB v1 pushes scalar equality down to PostgreSQL and decodes every other row it is given,
 * so each rule decodes its own customers and the whole set about one pass of the case (with
 * `$in` routes, three).
 */
export const OUTCOME_RULES: ReadonlyArray<OutcomeRule> = [
  { outcome: 'not-transfer', where: { transferable: false } },
  ...CONSENT_REQUEST_ROUTES.flatMap((route): OutcomeRule[] => [
    { outcome: 'transfer', where: { ...NOT_BLOCKED, route, decision: 'consent' } },
    { outcome: 'not-transfer', where: { ...NOT_BLOCKED, route, decision: { $ne: 'consent' } } },
  ]),
  { outcome: 'not-transfer', where: { ...NOT_BLOCKED, route: 'notice', decision: 'object' } },
  { outcome: 'transfer', where: { ...NOT_BLOCKED, route: 'notice', decision: { $ne: 'object' } } },
  ...ROUTES.filter((route) => route !== 'notice' && !CONSENT_REQUEST_ROUTES.includes(route)).map(
    (route): OutcomeRule => ({ outcome: 'not-transfer', where: { ...NOT_BLOCKED, route } }),
  ),
  { outcome: 'not-transfer', where: { ...NOT_BLOCKED, route: null }, unroutedOnly: true },
];

export const emptyOutcomeCounters = (): OutcomeCounters => ({
  transfer: 0,
  notTransfer: 0,
  consented: 0,
  refused: 0,
  objected: 0,
  noResponse: 0,
});

/**
 * Adds one customer to the counters. The answer counters match the case status's: consented /
 * refused / objected count answers on any route, noResponse counts consent routes without one.
 */
export function countOutcome(counters: OutcomeCounters, customer: OutcomeCandidate, outcome: Outcome): void {
  if (outcome === 'transfer') counters.transfer += 1;
  else counters.notTransfer += 1;
  if (customer.decision === 'consent') counters.consented += 1;
  else if (customer.decision === 'refuse') counters.refused += 1;
  else if (customer.decision === 'object') counters.objected += 1;
  if (isConsentRequestRoute(customer.route) && hasNoAnswer(customer.decision)) counters.noResponse += 1;
}
