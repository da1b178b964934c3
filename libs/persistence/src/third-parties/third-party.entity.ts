import type { ThirdPartyAnswerKind, ThirdPartyStatus } from '@handover/contracts';
import type { FieldCipher } from '@handover/crypto';

/** A third party as the admin API adds it (plaintext in memory only; name and email are encrypted at rest). */
export interface NewThirdParty {
  caseId: string;
  name: string;
  email: string;
  /** Categories of personal data the third party received (not personal data themselves). */
  categories: string[];
  /** Opaque id of the API key that added it. */
  createdBy?: string;
}

/** One third party with its contact decrypted (activities mailing it; the API list shows the name). */
export interface ThirdPartyContact {
  id: string;
  caseId: string;
  name: string;
  email: string;
}

/** How the answer was given: the page's form, or the JSON API. */
export type ThirdPartyAnswerChannel = 'portal-html' | 'portal-json';

/** A third party's answer as the portal hands it over (plaintext; encrypted on the way in). */
export interface RecordThirdPartyAnswerInput {
  caseId: string;
  thirdPartyId: string;
  kind: ThirdPartyAnswerKind;
  /** Who confirmed (a person at the third party): personal data, encrypted. */
  confirmedBy: string;
  /** How the data was deleted (or why not held): free text, encrypted. */
  method?: string;
  /** ISO date or instant of the deletion (kind `deleted`). */
  deletedAt?: string;
  /** Kind `exception`: what remains and why; encrypted. */
  explanation?: string;
  /** Kind `legal-hold`: the statutory basis; encrypted. */
  basis?: string;
  /** Kind `legal-hold`: ISO date the retention ends. */
  retainedUntil?: string;
  channel: ThirdPartyAnswerChannel;
  /** SHA-256 of the link token, never the token. */
  tokenHash: string;
  ip: string;
  userAgent: string;
  cipher: FieldCipher;
  now?: Date;
}

/** After recording: the derived status, the time of the (first) answer, whether it was late. */
export interface ThirdPartyAnswerOutcome {
  status: ThirdPartyStatus;
  kind: ThirdPartyAnswerKind;
  answeredAt: Date;
  late: boolean;
  /** False when an identical answer was already recorded (a retry). */
  changed: boolean;
}

/** GET /v1/cases/{id}/third-parties (docs/api.md), plus categories and the answer kind. */
export interface ThirdPartyView {
  id: string;
  name: string;
  categories: string[];
  status: ThirdPartyStatus;
  requestedAt: Date | null;
  dueAt: Date | null;
  confirmedAt: Date | null;
  late: boolean;
  answerKind: ThirdPartyAnswerKind | null;
}

/** What the compliance report needs (listForReport); names decrypted, free texts not included. */
export interface ThirdPartyReportEntry {
  id: string;
  name: string;
  categories: string[];
  status: ThirdPartyStatus;
  requestedAt?: string;
  dueAt?: string;
  confirmedAt?: string;
  late: boolean;
  answer?: { kind: ThirdPartyAnswerKind; method?: string; deletedAt?: string; basis?: string; retainedUntil?: string };
}

/** What the portal's page shows a third party (its own name, the transferor, categories, due time, its answer). */
export interface ThirdPartyLinkView {
  id: string;
  caseId: string;
  name: string;
  categories: string[];
  status: ThirdPartyStatus;
  dueAt: Date | null;
  answer: { kind: ThirdPartyAnswerKind; at: Date; late: boolean } | null;
}
