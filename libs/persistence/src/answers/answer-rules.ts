import type { AnswerErrorCode } from '@handover/contracts';
import type { CaseDeadlines } from '@handover/contracts';
import type { AnswerDecision, AnswerScope, CustomerDecision } from './answer.entity';

/**
 * What a customer may answer, when (docs/legal.md §3, docs/api.md "Portal"). Pure: the repository and the
 * portal's page (which offers only the buttons these rules allow) share it.
 *
 * - Consent routes (separate-consent, guardian-consent): consent or refuse; withdraw after consenting.
 *   After a refusal the customer may still consent (their choice; nobody asks again). Withdrawal is
 *   not retroactive: it moves the state to `withdrawn`, the consent's evidence stays.
 * - Notice routes (notice, notice-of-change): object.
 * - Anything else (delete, hold, not routed): nothing to answer.
 * - A repeated identical answer is accepted unchanged, even after the deadline (a retry of an answer
 *   given in time). Any other answer after the route's deadline is refused: from then on the
 *   customer exercises rights through requests, which are not answers.
 */

/** Codes of docs/api.md (the catalogue's `AnswerErrorCode`): no answer expected on the route, a decision the route does not take, the deadline passed, nothing to withdraw, a consent that stands. */
export type AnswerRejectionCode = AnswerErrorCode;

export type AnswerVerdict =
  | { kind: 'record'; next: CustomerDecision; scope: AnswerScope }
  | { kind: 'unchanged'; current: CustomerDecision }
  | { kind: 'reject'; code: AnswerRejectionCode; message: string };

type AnswerKind = 'consent' | 'notice';

const KIND_OF_ROUTE: Record<AnswerScope, AnswerKind> = {
  'separate-consent': 'consent',
  'guardian-consent': 'consent',
  notice: 'notice',
  'notice-of-change': 'notice',
};

const DECISIONS_OF_KIND: Record<AnswerKind, readonly AnswerDecision[]> = {
  consent: ['consent', 'refuse', 'withdraw'],
  notice: ['object'],
};

/** The route as an answer scope, or null when the route asks for no answer. */
export function answerScopeOf(route: string | null | undefined): AnswerScope | null {
  return route !== null && route !== undefined && Object.hasOwn(KIND_OF_ROUTE, route) ? (route as AnswerScope) : null;
}

export function isConsentRoute(route: string | null | undefined): boolean {
  const scope = answerScopeOf(route);
  return scope !== null && KIND_OF_ROUTE[scope] === 'consent';
}

/** The deadline that applies to the route: the consent deadline or the end of the waiting period. */
export function deadlineFor(route: string | null | undefined, deadlines: CaseDeadlines | null): string | null {
  const scope = answerScopeOf(route);
  if (!scope || !deadlines) return null;
  return KIND_OF_ROUTE[scope] === 'consent' ? deadlines.consentDeadline : deadlines.noticeDeadline;
}

export function isPastDeadline(deadline: string | null, now: Date): boolean {
  if (deadline === null) return false;
  const at = Date.parse(deadline);
  return !Number.isNaN(at) && now.getTime() >= at;
}

/** The state an answer leads to. */
export const decisionAfter = (answer: AnswerDecision): CustomerDecision => (answer === 'withdraw' ? 'withdrawn' : answer);

export interface AnswerQuestion {
  route: string | null | undefined;
  current: CustomerDecision | undefined;
  requested: AnswerDecision;
  deadlines: CaseDeadlines | null;
  now: Date;
}

export function decideAnswer({ route, current, requested, deadlines, now }: AnswerQuestion): AnswerVerdict {
  const scope = answerScopeOf(route);
  if (!scope) return reject('NO_ANSWER_EXPECTED', 'this link asks for no answer');
  const kind = KIND_OF_ROUTE[scope];
  if (!DECISIONS_OF_KIND[kind].includes(requested)) {
    return reject(
      'WRONG_DECISION_FOR_ROUTE',
      kind === 'consent' ? `'${requested}' does not apply: this transfer needs consent (consent, refuse or withdraw)` : `'${requested}' does not apply: this transfer is by notice (object)`,
    );
  }
  const next = decisionAfter(requested);
  if (current === next) return { kind: 'unchanged', current };
  if (isPastDeadline(deadlineFor(scope, deadlines), now)) return reject('DEADLINE_PASSED', 'the deadline for answering has passed');
  if (requested === 'withdraw' && current !== 'consent') return reject('NOTHING_TO_WITHDRAW', 'there is no consent to withdraw');
  if (requested === 'refuse' && current === 'consent') return reject('CONSENT_GIVEN', 'consent was given: withdraw it instead');
  return { kind: 'record', next, scope };
}

/** The answers a page offers for the customer's route and standing answer (none after the deadline). */
export function offeredDecisions(route: string | null | undefined, current: CustomerDecision | undefined, deadline: string | null, now: Date): AnswerDecision[] {
  const scope = answerScopeOf(route);
  if (!scope || isPastDeadline(deadline, now)) return [];
  return DECISIONS_OF_KIND[KIND_OF_ROUTE[scope]].filter(
    (requested) => decideAnswer({ route: scope, current, requested, deadlines: null, now }).kind === 'record',
  );
}

function reject(code: AnswerRejectionCode, message: string): AnswerVerdict {
  return { kind: 'reject', code, message };
}
