import { HttpStatus } from '@nestjs/common';
import { AppError } from '@handover/http';
import { splitClockOverrides } from '@handover/domain';

/**
 * Clock overrides of an incident. The organisation's settings (INCIDENT_CLOCK_OVERRIDES, JSON) apply
 * to every incident; a request's `clockOverrides` shorten clocks for one incident and are accepted
 * ONLY for drills or when the API runs with NODE_ENV=test (a real incident keeps its legal clocks).
 */
export function parseOrganisationClocks(json: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('INCIDENT_CLOCK_OVERRIDES is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error('INCIDENT_CLOCK_OVERRIDES must be a JSON object of ISO-8601 durations');
  }
  const clocks = parsed as Record<string, string>;
  splitClockOverrides(clocks); // throws on an unknown clock or a malformed duration, at start-up
  return clocks;
}

export function effectiveClocks(
  organisation: Record<string, string>,
  request: Record<string, unknown> | undefined,
  context: { drill: boolean; nodeEnv: string },
): Record<string, string> {
  if (!request || Object.keys(request).length === 0) return { ...organisation };
  if (!context.drill && context.nodeEnv !== 'test') {
    throw new AppError('CLOCK_OVERRIDES_NOT_ALLOWED', 'clockOverrides are accepted only for drills (drill: true) or in test mode', HttpStatus.BAD_REQUEST);
  }
  if (Object.values(request).some((v) => typeof v !== 'string')) {
    throw new AppError('VALIDATION_FAILED', 'clockOverrides values must be ISO-8601 durations', HttpStatus.BAD_REQUEST);
  }
  try {
    splitClockOverrides(request as Record<string, string>);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `clockOverrides: ${(error as Error).message}`, HttpStatus.BAD_REQUEST);
  }
  return { ...organisation, ...(request as Record<string, string>) };
}
