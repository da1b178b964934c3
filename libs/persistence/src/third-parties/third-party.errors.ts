/** The third party (or its case) does not exist: the portal and the API answer 404. */
export class ThirdPartyNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

export type ThirdPartyAnswerRejectionCode =
  /** Another answer is already recorded (the first answer is the evidence; it is never replaced). */
  | 'ALREADY_ANSWERED'
  /** No request was sent yet (no link should exist). */
  | 'NOT_REQUESTED';

/** An answer the rules refuse (409 with the code). Messages name no person. */
export class ThirdPartyAnswerRejectedError extends Error {
  constructor(
    readonly code: ThirdPartyAnswerRejectionCode,
    message: string,
  ) {
    super(message);
  }
}
