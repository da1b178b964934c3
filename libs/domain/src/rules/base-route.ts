/** Step 0 of docs/legal.md §1: the base route from the case kind (and recipient). */
import type { BaseRouteRule, RulePack } from './pack-types';
import { reasonOf } from './reason';
import type { CaseFacts, RuleReason } from './types';

export interface BaseRouteResult {
  rule: BaseRouteRule;
  reasons: RuleReason[];
}

export function resolveBaseRoute(facts: CaseFacts, pack: RulePack): BaseRouteResult {
  const reasons: RuleReason[] = [];
  let kind = facts.kind;
  const rules = pack.routes;
  if (!Object.prototype.hasOwnProperty.call(rules.byKind, kind)) {
    throw new RangeError(`Unknown case kind "${String(kind)}" for pack ${pack.id}`);
  }

  if (kind === 'branch-deregistration' && facts.hasRecipient && facts.recipientIsSameLegalEntity === false) {
    reasons.push(reasonOf(rules.branchToOtherEntity));
    kind = rules.branchToOtherEntity.treatAs;
  }

  const byKind = rules.byKind[kind];
  if (byKind.requiresRecipient && !facts.hasRecipient) {
    reasons.push(reasonOf(rules.noRecipient, `case kind ${facts.kind}`));
    return { rule: rules.noRecipient, reasons };
  }

  if (kind === 'asset-sale' && facts.legalBasisDetermination?.basis === 'art22' && rules.assetSaleWithDetermination) {
    const { author, note } = facts.legalBasisDetermination;
    if (author.trim() !== '') {
      reasons.push(reasonOf(rules.assetSaleWithDetermination, `determined by ${author.trim()}: ${note}`));
      return { rule: rules.assetSaleWithDetermination, reasons };
    }
    reasons.push(reasonOf(byKind, 'the Art. 22 determination has no author and was not applied'));
    return { rule: byKind, reasons };
  }

  const assumedHeadOffice =
    facts.kind === 'branch-deregistration' && facts.recipientIsSameLegalEntity === undefined ? 'recipient assumed to be the head office' : undefined;
  reasons.push(reasonOf(byKind, assumedHeadOffice));
  return { rule: byKind, reasons };
}
