import type { FieldCipher } from '@handover/crypto';

/** What a customer can say through the portal. */
export const ANSWER_DECISIONS = ['consent', 'refuse', 'object', 'withdraw'] as const;
export type AnswerDecision = (typeof ANSWER_DECISIONS)[number];

/** The customer's standing answer, kept on the customer document (`withdraw` leaves `withdrawn`). */
export type CustomerDecision = 'consent' | 'refuse' | 'object' | 'withdrawn';

/** Where the answer was given: the HTML page's form, or the JSON API. */
export type AnswerChannel = 'portal-html' | 'portal-json';

/** The routes on which a customer answers: the scope of the consent or the notice objected to. */
export const ANSWER_SCOPES = ['separate-consent', 'guardian-consent', 'notice', 'notice-of-change'] as const;
export type AnswerScope = (typeof ANSWER_SCOPES)[number];

/** One answer as the portal hands it over: plaintext IP and user agent, encrypted on the way in. */
export interface RecordAnswerInput {
  caseId: string;
  /** The customer's ref (blind index of the transferor's customer id): the link's subject. */
  ref: string;
  decision: AnswerDecision;
  channel: AnswerChannel;
  /** SHA-256 of the link token (`hashToken`), never the token itself. */
  tokenHash: string;
  /** The version of the wording the customer read (NOTICE_WORDING_VERSION of the page's language). */
  wordingVersion: string;
  ip: string;
  userAgent: string;
  /** The case's field cipher: IP and user agent are personal data. */
  cipher: FieldCipher;
  now?: Date;
}

/** The customer's state after an answer; `changed` is false for a repeated identical answer. */
export interface AnswerOutcome {
  decision: CustomerDecision;
  recordedAt: Date;
  changed: boolean;
}

/** What the portal shows a customer: route, the deadline that applies to it, the standing answer. */
export interface AnswerState {
  caseId: string;
  ref: string;
  route: string | null;
  /** ISO date-time; null before the notices go out (no deadlines recorded on the case yet). */
  deadline: string | null;
  decision?: CustomerDecision;
  decisionAt?: Date;
}

/** One consent-evidence record read back (IP and user agent still encrypted). */
export interface ConsentEvidence {
  id: string;
  caseId: string;
  ref: string;
  decision: AnswerDecision;
  scope: AnswerScope;
  wordingVersion: string;
  channel: AnswerChannel;
  tokenHash: string;
  ipEnc: string;
  userAgentEnc: string;
  at: Date;
}
