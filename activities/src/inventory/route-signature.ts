import { canonicalJson } from '@handover/crypto';
import { isLegalHoldRunning, type RouteDecision, type RulePack } from '@handover/domain';
import type { CustomerClassificationView, CustomerRouteFields, RouteSignature } from '@handover/persistence';

/** The inputs of a customer's route decision (besides the case), as one of at most 24 signatures. */
export function signatureOf(customer: CustomerClassificationView, pack: RulePack, asOf: Date): RouteSignature {
  const hold = customer.legalHold ? (isLegalHoldRunning(customer.legalHold, asOf) ? 'running' : 'expired') : 'none';
  return {
    minor: customer.minor,
    reachable: customer.reachable,
    sensitive: customer.sensitive.some((c) => pack.sensitiveCategories.includes(c)),
    hold,
  };
}

export const signatureKey = (s: RouteSignature): string => `${+s.minor}${+s.reachable}${+s.sensitive}${s.hold}`;

/** The route fields stored on a customer: rule ids and articles, never the reasons' free text. */
export function routeFieldsOf(decision: RouteDecision): CustomerRouteFields {
  return {
    route: decision.route,
    transferable: decision.transferable,
    handover: decision.handover,
    noticeChannel: decision.noticeChannel,
    noticeAdditions: [...decision.noticeAdditions],
    routeReasons: decision.reasons.map((r) => ({ ruleId: r.ruleId, article: r.article })),
    rulePackVersion: decision.packVersion,
  };
}

export const sameRouteFields = (a: CustomerRouteFields, b: CustomerRouteFields): boolean => canonicalJson(a) === canonicalJson(b);
