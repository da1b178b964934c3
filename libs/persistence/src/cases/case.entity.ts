import type { CaseKind, CrossBorderMechanism, Jurisdiction } from '@handover/domain';
import type { Phase, RouteSummary } from '@handover/contracts';

/** `closed` and `cancelled` are final. */
export type CaseStatus = 'draft' | 'running' | 'closed' | 'cancelled';

export interface PartyContact {
  name: string;
  contact: string;
}

export interface RecipientParty extends PartyContact {
  email: string;
  country: string;
  publicKey?: string;
  /** Branch deregistration: the recipient is the head office (the same legal person). */
  sameLegalEntity?: boolean;
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
  /** Retention rule ids of the jurisdiction's pack that bind the transferor (legal holds). */
  retention?: string[];
  /** Customer fields the handover package carries (default DEFAULT_HANDOVER_FIELDS). */
  handoverFields?: string[];
  /** EU cases: the member state whose public holidays end no request period (libs/calendars). */
  memberState?: string;
  /** The recipient's time to acknowledge the package and the reminders before it (ISO-8601; defaults P14D, P7D/P12D). */
  acknowledgementDeadline?: string;
  acknowledgementReminders?: string[];
}

/**
 * The transfer mechanism recorded for a cross-border recipient (PIPL Art. 38; GDPR Art. 46): the
 * mechanism and a short reference to its trace (a filing or approval number, the contract's id).
 * Not personal data: kept in clear on the case document.
 */
export interface CrossBorderRecord {
  mechanism: CrossBorderMechanism;
  reference: string;
  recordedBy: string;
  recordedAt: Date;
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

/** Filters of the case list (GET /v1/cases). Every one is optional; they combine with AND. */
export interface CaseListFilter {
  status?: CaseStatus;
  kind?: CaseKind;
  phase?: Phase;
  /** A prefix of the case id, or a case-insensitive substring of a company name (transferor or recipient). */
  q?: string;
  /** Restricts the list to the cases of these teams (teams are not stored yet: unused until they are). */
  teamIds?: readonly string[];
}

/** One row of the case list: nothing personal (company names, routes, deadlines). */
export interface CaseListItem {
  id: string;
  kind: CaseKind;
  jurisdiction: Jurisdiction;
  status: CaseStatus;
  phase: Phase;
  createdAt: Date;
  transferor: { name: string };
  recipient?: { name: string };
  /** The route summary the decideRoutes activity stored (absent before the first import). */
  routes?: RouteSummary;
  /** The earliest deadline the case stores that is still ahead, or null. */
  nextDeadline: Date | null;
}
