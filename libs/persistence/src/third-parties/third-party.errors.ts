import type { ThirdPartyAnswerErrorCode } from '@handover/contracts';
/** The third party (or its case) does not exist: the portal and the API answer 404. */
export class ThirdPartyNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

/** ALREADY_ANSWERED: the first answer is the evidence and is never replaced; NOT_REQUESTED: no request was sent yet. */
export type ThirdPartyAnswerRejectionCode = ThirdPartyAnswerErrorCode;

/** An answer the rules refuse (409 with the code). Messages name no person. */
export class ThirdPartyAnswerRejectedError extends Error {
  constructor(
    readonly code: ThirdPartyAnswerRejectionCode,
    message: string,
  ) {
    super(message);
  }
}
