/** Exit codes scripts can rely on (README, "Command-line client"). */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Bad usage or input found before calling the API: unknown option, missing argument, unreadable file. */
  usage: 1,
  /** The API refused the request (4xx): validation, not found, conflict, no or wrong token. */
  refused: 2,
  /** The API failed (5xx) or could not be reached. */
  unavailable: 3,
  /** A wait (`--wait`, `cases watch`) ran out of time. */
  timeout: 4,
  /** The operation ran but its result is a failure: an import failed, the audit chain is broken. */
  failed: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
