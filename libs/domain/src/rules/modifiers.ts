/** docs/legal.md §1 modifiers 1-6, each a step over the route being built, in that order. */
import { isCrossBorder, recipientCountryOf } from './cross-border';
import type { RulePack } from './pack-types';
import { reasonOf } from './reason';
import { isLegalHoldRunning } from './retention';
import { addNoticeAdditions, type RouteState } from './route-state';
import { CONSENT_ROUTES, DEFAULT_CASE_POLICY, type CaseFacts, type CustomerFacts, type Route } from './types';

export interface ModifierContext {
  facts: CaseFacts;
  customer: CustomerFacts;
  pack: RulePack;
  asOf?: Date;
}

/** Routes on which the customer is asked or told about a move to a recipient. */
const TRANSFER_ROUTES: readonly Route[] = ['notice', 'separate-consent', 'guardian-consent'];

/** 1. Purpose or method change declared by the recipient → separate consent. */
export function applyPurposeChange(state: RouteState, { facts, pack }: ModifierContext): void {
  if (!facts.purposeChange || state.route === 'delete') return;
  const rule = pack.modifiers.purposeChange;
  if (!state.handover) {
    state.reasons.push(reasonOf(rule.unchangedProcessor));
    return;
  }
  if (state.route !== 'guardian-consent') state.route = rule.route;
  addNoticeAdditions(state, rule.noticeAdditions);
  state.reasons.push(reasonOf(rule));
}

/** 2. Recipient abroad → separate consent (CN) and a foreign-rights notice section. */
export function applyCrossBorder(state: RouteState, { facts, pack }: ModifierContext): void {
  if (!state.handover || !isCrossBorder(facts, pack)) return;
  const rule = pack.modifiers.crossBorder;
  if (rule.route && !CONSENT_ROUTES.includes(state.route)) state.route = rule.route;
  addNoticeAdditions(state, rule.noticeAdditions);
  state.reasons.push(reasonOf(rule, `recipient country ${recipientCountryOf(facts, pack)}`));
}

/** 3. Minor → guardian consent (policy.minors), on any route that moves the record to a recipient. */
export function applyMinor(state: RouteState, { facts, customer, pack }: ModifierContext): void {
  if (!customer.minor || !TRANSFER_ROUTES.includes(state.route)) return;
  const policy = facts.policy?.minors ?? DEFAULT_CASE_POLICY.minors;
  state.route = policy;
  state.reasons.push(reasonOf(pack.modifiers.minor, `under ${pack.minorAgeThreshold}; policy.minors = ${policy}`));
}

/** 4. Sensitive data → Art. 30 notice section; policy.sensitive may turn a notice into consent. */
export function applySensitive(state: RouteState, { facts, customer, pack }: ModifierContext): void {
  const categories = customer.sensitive.filter((c) => pack.sensitiveCategories.includes(c));
  if (categories.length === 0 || !TRANSFER_ROUTES.includes(state.route)) return;
  const rules = pack.modifiers.sensitive;
  addNoticeAdditions(state, rules.notice.noticeAdditions);
  state.reasons.push(reasonOf(rules.notice, `categories: ${categories.join(', ')}`));
  const policy = facts.policy?.sensitive ?? DEFAULT_CASE_POLICY.sensitive;
  if (policy === 'separate-consent' && state.route === 'notice') {
    state.route = 'separate-consent';
    state.reasons.push(reasonOf(rules.consentPolicy));
  }
}

/** 5. Unreachable → public announcement; a consent route cannot be satisfied → not transferable. */
export function applyUnreachable(state: RouteState, { customer, pack }: ModifierContext): void {
  if (customer.reachable) return;
  const rules = pack.modifiers.unreachable;
  state.noticeChannel = 'public-announcement';
  state.reasons.push(reasonOf(rules.announcement));
  if (CONSENT_ROUTES.includes(state.route)) {
    state.transferable = false;
    state.handover = false;
    state.reasons.push(reasonOf(rules.notTransferable));
  }
}

/**
 * 6. Legal hold still running → never deleted. A record that would be deleted or cannot move
 * goes to `hold`; a record that may still move keeps its route and carries the hold, so that
 * if it ends up not transferred it is held instead of deleted.
 */
export function applyLegalHold(state: RouteState, { customer, pack, asOf }: ModifierContext): void {
  const hold = customer.legalHold;
  if (!hold) return;
  const rules = pack.modifiers.legalHold;
  const detail = `${hold.ruleId} until ${hold.until}`;
  if (!isLegalHoldRunning(hold, asOf)) {
    state.reasons.push(reasonOf(rules.expired, detail));
    return;
  }
  state.legalHold = { ruleId: hold.ruleId, until: hold.until };
  if (state.route === 'delete' || !state.transferable) {
    state.route = 'hold';
    state.transferable = false;
    state.handover = false;
    state.noticeAdditions = [];
    state.reasons.push(reasonOf(rules.hold, detail));
  } else {
    state.reasons.push(reasonOf(rules.fallback, detail));
  }
}

/** The modifiers in the order of docs/legal.md §1. */
export const MODIFIERS_IN_ORDER = [
  applyPurposeChange,
  applyCrossBorder,
  applyMinor,
  applySensitive,
  applyUnreachable,
  applyLegalHold,
] as const;
