import { HttpException, HttpStatus } from '@nestjs/common';

/** An error with a stable code. Messages carry ids and field names only, never personal data. */
export class AppError extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: HttpStatus,
  ) {
    super({ statusCode: status, code, message }, status);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} not found`, HttpStatus.NOT_FOUND);
  }

  static conflict(code: string, message: string): AppError {
    return new AppError(code, message, HttpStatus.CONFLICT);
  }
}
