export * from './types';
export type * from './pack-types';
export { CN_PIPL_PACK } from './packs/cn-pipl.pack';
export { EU_GDPR_PACK, EEA_COUNTRIES, EU_ADEQUATE_COUNTRIES } from './packs/eu-gdpr.pack';
export { RULE_PACKS, getRulePack, UnknownJurisdictionError } from './get-rule-pack';
export { decideRoute } from './decide-route';
export { decideCaseRequirements } from './case-requirements';
export { isCrossBorder, crossBorderMechanismFor } from './cross-border';
export { legalHoldFor, isLegalHoldRunning, longestHold, findRetentionRule } from './retention';
