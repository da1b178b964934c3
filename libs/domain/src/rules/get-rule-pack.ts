import type { RulePack } from './pack-types';
import { CN_PIPL_PACK } from './packs/cn-pipl.pack';
import { EU_GDPR_PACK } from './packs/eu-gdpr.pack';
import type { Jurisdiction } from './types';

export const RULE_PACKS: Readonly<Record<Jurisdiction, RulePack>> = Object.freeze({
  'CN-PIPL': CN_PIPL_PACK,
  'EU-GDPR': EU_GDPR_PACK,
});

export class UnknownJurisdictionError extends Error {
  constructor(readonly jurisdiction: string) {
    super(`No rule pack for jurisdiction "${jurisdiction}" (known: ${Object.keys(RULE_PACKS).join(', ')})`);
    this.name = 'UnknownJurisdictionError';
  }
}

/** The current pack of a jurisdiction. Throws UnknownJurisdictionError for anything else. */
export function getRulePack(jurisdiction: Jurisdiction): RulePack {
  const pack = Object.prototype.hasOwnProperty.call(RULE_PACKS, jurisdiction) ? RULE_PACKS[jurisdiction] : undefined;
  if (!pack) throw new UnknownJurisdictionError(String(jurisdiction));
  return pack;
}
