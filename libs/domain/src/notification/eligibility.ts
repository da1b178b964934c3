/**
 * Who a customer mailing is for (issue 4, docs/legal.md §1–3). Pure: the mailing activity and its
 * unit tests share it.
 *
 * The notice mailing (reminder 0) goes to every customer whose route tells them something:
 * - notice, separate-consent, guardian-consent: the transfer (with the consent request on the
 *   consent routes, in the same message: one customer, one message per mailing);
 * - notice-of-change: the change of control (no data moves);
 * - delete (no recipient): that their data will be deleted. docs/legal.md §1 says "delete everything
 *   not on legal hold, then tell customers"; we tell them in this first mailing, before the
 *   deletion phase runs, because afterwards there is nothing left to tell them with: deletion is
 *   crypto-shredding, which destroys the address too. The notice says the deletion will happen.
 * - hold is NOT mailed here: the notice wording has no text for "kept under legal hold, storage
 *   and security only, until <date>", and a hold customer's record neither moves nor is deleted
 *   now. That notice belongs to the deletion phase (a wording of its own), not to this mailing.
 *
 * Reminders (reminder > 0) go only to consent routes with no answer at all: never to someone who
 * refused, consented, withdrew or objected (NDSMR Art. 22: after a refusal, never ask again).
 *
 * Without an email address a customer cannot get the message: on the notice route the public
 * announcement serves them (docs/legal.md §1 modifier 5); they are counted, never mailed.
 */
import type { Route } from '../rules/types';

export type CustomerDecision = 'consent' | 'refuse' | 'object' | 'withdrawn';

/** Routes whose customers get the notice mailing. */
export const MAILED_ROUTES: readonly Route[] = ['notice', 'separate-consent', 'guardian-consent', 'notice-of-change', 'delete'];

/** Routes on which silence means no (the consent request and its reminders). */
export const CONSENT_REQUEST_ROUTES: readonly Route[] = ['separate-consent', 'guardian-consent'];

/** The fields of a customer document the rule reads (plaintext classification only). */
export interface MailingCandidate {
  route?: string | null;
  decision?: string | null;
  channels?: { email?: boolean | null } | null;
}

/** email: send one message; public-announcement: in the audience but no address; none: not in this mailing. */
export type MailingAudience = 'email' | 'public-announcement' | 'none';

export const isMailedRoute = (route: string | null | undefined): route is Route =>
  typeof route === 'string' && (MAILED_ROUTES as readonly string[]).includes(route);

export const isConsentRequestRoute = (route: string | null | undefined): route is Route =>
  typeof route === 'string' && (CONSENT_REQUEST_ROUTES as readonly string[]).includes(route);

/** True when the customer has given no answer of any kind. */
export const hasNoAnswer = (decision: string | null | undefined): boolean => decision === undefined || decision === null;

/** Whether this customer is in the mailing (reminder 0 = the notice) and how it reaches them. */
export function mailingAudience(customer: MailingCandidate, reminder: number): MailingAudience {
  if (!isMailedRoute(customer.route)) return 'none';
  if (reminder > 0 && !(isConsentRequestRoute(customer.route) && hasNoAnswer(customer.decision))) return 'none';
  return customer.channels?.email === true ? 'email' : 'public-announcement';
}

/**
 * A pre-filter for the database query of one mailing (the rule above stays authoritative): the
 * routes in the audience and whether only customers without an answer are wanted.
 */
export function mailingQuery(reminder: number): { routes: readonly Route[]; unansweredOnly: boolean } {
  return reminder > 0 ? { routes: CONSENT_REQUEST_ROUTES, unansweredOnly: true } : { routes: MAILED_ROUTES, unansweredOnly: false };
}
