/** Route of one customer record: base route by case kind, then modifiers 1-6 (docs/legal.md §1). */
import { resolveBaseRoute } from './base-route';
import { getRulePack } from './get-rule-pack';
import { MODIFIERS_IN_ORDER } from './modifiers';
import type { RulePack } from './pack-types';
import { reasonOf } from './reason';
import type { RouteState } from './route-state';
import type { CaseFacts, CustomerFacts, DecideRouteOptions, RouteDecision } from './types';

export function assertPackMatches(facts: CaseFacts, pack: RulePack): void {
  if (facts.jurisdiction !== pack.id) {
    throw new RangeError(`Case jurisdiction ${facts.jurisdiction} does not match rule pack ${pack.id}`);
  }
}

function initialState(facts: CaseFacts, customer: CustomerFacts, pack: RulePack): RouteState {
  if (customer.retentionExpired) {
    const rule = pack.routes.retentionExpired;
    return {
      route: rule.route,
      transferable: false,
      handover: false,
      noticeChannel: 'individual',
      noticeAdditions: [...rule.noticeAdditions],
      legalHold: null,
      reasons: [reasonOf(rule)],
    };
  }
  const { rule, reasons } = resolveBaseRoute(facts, pack);
  return {
    route: rule.route,
    transferable: rule.route !== 'delete',
    handover: rule.handover,
    noticeChannel: 'individual',
    noticeAdditions: [...rule.noticeAdditions],
    legalHold: null,
    reasons,
  };
}

export function decideRoute(
  facts: CaseFacts,
  customer: CustomerFacts,
  pack: RulePack = getRulePack(facts.jurisdiction),
  options: DecideRouteOptions = {},
): RouteDecision {
  assertPackMatches(facts, pack);
  const state = initialState(facts, customer, pack);
  const context = { facts, customer, pack, asOf: options.asOf };
  for (const modifier of MODIFIERS_IN_ORDER) modifier(state, context);
  return {
    jurisdiction: pack.id,
    packVersion: pack.version,
    route: state.route,
    transferable: state.transferable,
    handover: state.handover,
    noticeChannel: state.noticeChannel,
    noticeAdditions: state.noticeAdditions,
    legalHold: state.legalHold,
    reasons: state.reasons,
  };
}
