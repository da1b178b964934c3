import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@handover/contracts';

/** An error with a stable code from the catalogue (libs/contracts error-codes). Messages carry ids and field names only, never personal data. */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    status: HttpStatus,
  ) {
    super({ statusCode: status, code, message }, status);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} not found`, HttpStatus.NOT_FOUND);
  }

  static conflict(code: ErrorCode, message: string): AppError {
    return new AppError(code, message, HttpStatus.CONFLICT);
  }

  /** A deadline no loaded working calendar can count (a year without an official source yet): 503 naming the date. */
  static calendarNotCovered(message: string): AppError {
    return new AppError('CALENDAR_NOT_COVERED', message, HttpStatus.SERVICE_UNAVAILABLE);
  }
}
