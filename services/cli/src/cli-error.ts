import type { ApiErrorBody } from '@handover/api-client';
import { EXIT, type ExitCode } from './exit-codes';

/** A failure the CLI reports in one line and turns into its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** The API's error body, printed with --json. */
    readonly api?: ApiErrorBody,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** 4xx: refused (2); anything else (5xx, no answer): unavailable (3). */
export function exitCodeForStatus(status: number): ExitCode {
  return status >= 400 && status < 500 ? EXIT.refused : EXIT.unavailable;
}
