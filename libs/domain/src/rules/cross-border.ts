/** docs/legal.md §1 modifier 2 and the case-level transfer mechanism (PIPL Art. 38-39; GDPR Art. 44-46). */
import type { RulePack } from './pack-types';
import { reasonOf } from './reason';
import type { CaseFacts, CrossBorderMechanism, RuleReason } from './types';

/** Upper-case country code of the recipient; absent = the pack's first home country. */
export function recipientCountryOf(facts: CaseFacts, pack: RulePack): string {
  const country = facts.recipientCountry?.trim().toUpperCase();
  return country ? country : (pack.homeCountries[0] ?? '');
}

/** The case has a recipient outside the pack's home countries (HK, MO and TW are outside CN). */
export function isCrossBorder(facts: CaseFacts, pack: RulePack): boolean {
  return facts.hasRecipient && !pack.homeCountries.includes(recipientCountryOf(facts, pack));
}

function count(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

export interface MechanismResult {
  mechanism: CrossBorderMechanism;
  reason: RuleReason;
}

/** The mechanism a cross-border case must record before the handover gate. */
export function crossBorderMechanismFor(facts: CaseFacts, pack: RulePack): MechanismResult {
  const rules = pack.crossBorder;
  const country = recipientCountryOf(facts, pack);
  if (rules.model === 'adequacy-list') {
    const mechanism = rules.adequateCountries.includes(country) ? rules.adequate : rules.otherwise;
    return { mechanism, reason: reasonOf(rules, `recipient in ${country} → ${mechanism}`) };
  }
  const people = count(facts.totalCustomers, 'totalCustomers');
  const sensitive = count(facts.sensitiveCustomers, 'sensitiveCustomers');
  if (people === undefined && sensitive === undefined) {
    return {
      mechanism: rules.unknownVolume,
      reason: reasonOf(rules, `recipient in ${country}; head count unknown, strictest mechanism assumed → ${rules.unknownVolume}`),
    };
  }
  const tier = rules.tiers.find((t) => (people ?? 0) >= t.minPeople || (sensitive ?? 0) >= t.minSensitivePeople);
  const mechanism = tier ? tier.mechanism : rules.otherwise;
  return {
    mechanism,
    reason: reasonOf(rules, `recipient in ${country}; ${people ?? 0} people, ${sensitive ?? 0} with sensitive data → ${mechanism}`),
  };
}
