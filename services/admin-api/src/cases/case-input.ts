import { getRulePack, type Jurisdiction } from '@handover/domain';
import { invalidField } from '@handover/http';
import type { CasePolicy, RecipientParty } from '@handover/persistence';
import type { PolicyDto, RecipientDto } from './open-case.dto';

/** Product defaults (API.md): 30-day waiting period and deadlines, reminders at 7 and 21 days. */
export const DEFAULT_POLICY: CasePolicy = {
  waitingPeriod: 'P30D',
  consentDeadline: 'P30D',
  thirdPartyDeadline: 'P30D',
  reminders: ['P7D', 'P21D'],
  minors: 'guardian-consent',
  sensitive: 'notice',
};

/**
 * `base` with the policy fields the request gives (the others stay). Retention rule ids must be
 * rules of the jurisdiction's pack: 400 naming the position (a typo must not drop a statutory hold).
 */
export function mergePolicy(base: CasePolicy, jurisdiction: Jurisdiction, dto: PolicyDto | undefined): CasePolicy {
  const given = Object.fromEntries(Object.entries(dto ?? {}).filter(([, value]) => value !== undefined)) as Partial<CasePolicy>;
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
  };
}
