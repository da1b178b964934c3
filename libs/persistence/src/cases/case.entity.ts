import type { CaseKind, Jurisdiction } from '@handover/domain';
import type { Phase } from '@handover/contracts';

export type CaseStatus = 'draft' | 'running' | 'closed';

export interface PartyContact {
  name: string;
  contact: string;
}

export interface RecipientParty extends PartyContact {
  email: string;
  country: string;
  publicKey?: string;
}

export interface CasePolicy {
  waitingPeriod: string;
  consentDeadline: string;
  thirdPartyDeadline: string;
  reminders: string[];
  minors: 'guardian-consent' | 'separate-consent';
  sensitive: 'notice' | 'separate-consent';
  legalBasis?: { basis: 'art22'; author: string; note: string };
  /** Replaces the jurisdiction's due date of data-subject requests (ISO-8601 duration). */
  requestDeadline?: string;
}

/** A transfer case in the domain's terms: plaintext, only ever held in memory. */
export interface CaseEntity {
  id: string;
  /** The team whose keys reach the case; absent (on the way in) means DEFAULT_TEAM_ID. */
  team?: string;
  kind: CaseKind;
  jurisdiction: Jurisdiction;
  status: CaseStatus;
  phase: Phase;
  transferor: PartyContact;
  recipient?: RecipientParty;
  manager: { name: string; email: string };
  purposeChange?: string;
  policy: CasePolicy;
  createdAt: Date;
  startedAt?: Date;
}
