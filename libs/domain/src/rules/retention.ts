/** Legal holds from the pack's statutory retention rules (docs/legal.md §9). */
import { addMonthsClamped, assertIsoDate, toIsoDate, type IsoDate } from '../time/date-only';
import type { RetentionRule, RulePack } from './pack-types';
import type { LegalHold } from './types';

export function findRetentionRule(pack: RulePack, ruleId: string): RetentionRule {
  const rule = pack.retentionRules.find((r) => r.id === ruleId);
  if (!rule) throw new RangeError(`Pack ${pack.id} ${pack.version} has no retention rule "${ruleId}"`);
  return rule;
}

/** The hold a retention rule imposes on a record whose period starts on `from`. */
export function legalHoldFor(pack: RulePack, ruleId: string, from: IsoDate): LegalHold {
  const { period } = findRetentionRule(pack, ruleId);
  const months = (period.years ?? 0) * 12 + (period.months ?? 0);
  return { ruleId, until: addMonthsClamped(assertIsoDate(from), months) };
}

/**
 * A hold runs up to and including its `until` date (UTC). Without `asOf` every hold is treated
 * as running: the safe default never deletes.
 */
export function isLegalHoldRunning(hold: LegalHold, asOf?: Date): boolean {
  assertIsoDate(hold.until);
  return asOf === undefined || toIsoDate(asOf) <= hold.until;
}

/** The latest-ending of several holds (a record may fall under several rules), or null. */
export function longestHold(holds: readonly LegalHold[]): LegalHold | null {
  return holds.reduce<LegalHold | null>((best, h) => (best === null || assertIsoDate(h.until) > best.until ? h : best), null);
}
