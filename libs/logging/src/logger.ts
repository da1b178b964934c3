import pino, { type Logger, type LevelWithSilent } from 'pino';
import { redactPaths } from './redaction';

export type { Logger } from 'pino';

/** Structured JSON logs (one line each) with personal fields redacted. */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
