import type { AnswerRejectionCode } from './answer-rules';

/** An answer the rules refuse (the portal answers 409 with the code). Messages carry no personal data. */
export class AnswerRejectedError extends Error {
  override readonly name = 'AnswerRejectedError';

  constructor(
    readonly code: AnswerRejectionCode,
    message: string,
  ) {
    super(message);
  }
}

/** The link's customer does not exist (anymore): the portal answers the generic 404. */
export class AnswerSubjectNotFoundError extends Error {
  override readonly name = 'AnswerSubjectNotFoundError';
  readonly code = 'NOT_FOUND';
}
