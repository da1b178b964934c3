import { ApplicationFailure } from '@temporalio/activity';
import { DEFAULT_CASE_POLICY, findRetentionRule, type CaseFacts, type RulePack } from '@handover/domain';
import type { CaseEntity } from '@handover/persistence';

/** The rule engine's view of a case (no personal data: names and contacts are left out). */
export function caseFactsOf(entity: CaseEntity, totals: { totalCustomers?: number; sensitiveCustomers?: number } = {}): CaseFacts {
  const legalBasis = entity.policy.legalBasis;
  return {
    kind: entity.kind,
    jurisdiction: entity.jurisdiction,
    hasRecipient: entity.recipient !== undefined,
    ...(entity.recipient?.country && { recipientCountry: entity.recipient.country }),
    ...(entity.recipient?.sameLegalEntity !== undefined && { recipientIsSameLegalEntity: entity.recipient.sameLegalEntity }),
    purposeChange: (entity.purposeChange ?? '').trim() !== '',
    ...(legalBasis?.basis === 'art22' && { legalBasisDetermination: { basis: 'art22', author: legalBasis.author, note: legalBasis.note } }),
    policy: {
      minors: entity.policy.minors ?? DEFAULT_CASE_POLICY.minors,
      sensitive: entity.policy.sensitive ?? DEFAULT_CASE_POLICY.sensitive,
    },
    ...(totals.totalCustomers !== undefined && { totalCustomers: totals.totalCustomers }),
    ...(totals.sensitiveCustomers !== undefined && { sensitiveCustomers: totals.sensitiveCustomers }),
  };
}

/**
 * The retention rules (pack rule ids) the case policy says apply to this transferor
 * (`policy.retention`, default none). An id the pack does not know fails the activity for good:
 * a typo must not silently drop a statutory hold.
 */
export function retentionRulesOf(entity: CaseEntity, pack: RulePack): string[] {
  const raw = (entity.policy as unknown as { retention?: unknown }).retention;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((id) => typeof id !== 'string')) {
    throw ApplicationFailure.nonRetryable(`case ${entity.id}: policy.retention must be a list of rule ids`, 'CASE_POLICY_INVALID');
  }
  const ids = [...new Set(raw as string[])];
  for (const id of ids) {
    try {
      findRetentionRule(pack, id);
    } catch {
      throw ApplicationFailure.nonRetryable(`case ${entity.id}: pack ${pack.id} has no retention rule ${id}`, 'CASE_POLICY_INVALID');
    }
  }
  return ids;
}

/** Datetimes without an offset are read in the jurisdiction's usual zone (Beijing time for CN). */
export const DEFAULT_OFFSET_MINUTES: Readonly<Record<CaseFacts['jurisdiction'], number>> = { 'CN-PIPL': 480, 'EU-GDPR': 0 };
