import { DEFAULT_ACKNOWLEDGEMENT_DEADLINE, DEFAULT_ACKNOWLEDGEMENT_REMINDERS, getRulePack, type Jurisdiction } from '@handover/domain';
import { invalidField } from '@handover/http';
import type { CasePolicy, RecipientParty } from '@handover/persistence';
import type { PolicyDto, RecipientDto } from './open-case.dto';

/**
 * Product defaults (docs/api.md): 30-day waiting period and deadlines, reminders at 7 and 21 days; the
 * recipient's acknowledgement within 14 days, reminded at 7 and 12 (issue 14).
 */
export const DEFAULT_POLICY: CasePolicy = {
  waitingPeriod: 'P30D',
  consentDeadline: 'P30D',
  thirdPartyDeadline: 'P30D',
  reminders: ['P7D', 'P21D'],
  acknowledgementDeadline: DEFAULT_ACKNOWLEDGEMENT_DEADLINE,
  acknowledgementReminders: [...DEFAULT_ACKNOWLEDGEMENT_REMINDERS],
  minors: 'guardian-consent',
  sensitive: 'notice',
};

/**
 * `base` with the policy fields the request gives (the others stay). Retention rule ids must be
 * rules of the jurisdiction's pack: 400 naming the position (a typo must not drop a statutory hold).
 */
export function mergePolicy(base: CasePolicy, jurisdiction: Jurisdiction, dto: PolicyDto | undefined): CasePolicy {
  const given = Object.fromEntries(Object.entries(dto ?? {}).filter(([, value]) => value !== undefined)) as Partial<CasePolicy>;
  if (given.memberState !== undefined && jurisdiction !== 'EU-GDPR') throw invalidField('policy.memberState', 'applies to EU-GDPR cases only');
  if (given.retention) {
    const pack = getRulePack(jurisdiction);
    given.retention.forEach((id, i) => {
      if (!pack.retentionRules.some((rule) => rule.id === id)) throw invalidField(`policy.retention.${i}`, `is not a retention rule of the ${pack.id} pack`);
    });
  }
  return { ...base, ...given };
}

export function recipientOf(dto: RecipientDto): RecipientParty {
  return {
    name: dto.name,
    contact: dto.contact,
    email: dto.email,
    country: dto.country.toUpperCase(),
    ...(dto.publicKey && { publicKey: dto.publicKey }),
    ...(dto.sameLegalEntity !== undefined && { sameLegalEntity: dto.sameLegalEntity }),
  };
}

/**
 * A branch deregistration's recipient must say whether it is the head office (the same legal
 * person): that decides between a notice of change and an asset sale's consent and package. Other
 * kinds take no such answer. 400 naming the field.
 */
export function checkRecipientKind(kind: string, recipient: RecipientDto | undefined): void {
  if (!recipient) return;
  if (kind === 'branch-deregistration' && recipient.sameLegalEntity === undefined) throw invalidField('recipient.sameLegalEntity', 'is required for a branch deregistration');
  if (kind !== 'branch-deregistration' && recipient.sameLegalEntity !== undefined) throw invalidField('recipient.sameLegalEntity', 'applies to a branch deregistration only');
}
