import type { Schemas } from '@handover/api-client';
import { defined } from './options';

export interface OpenCaseFlags {
  kind?: string;
  jurisdiction?: string;
  transferorName?: string;
  transferorContact?: string;
  recipientName?: string;
  recipientContact?: string;
  recipientEmail?: string;
  recipientCountry?: string;
  /** The recipient is the same legal entity (a branch returning data to its head office). */
  recipientSameLegalEntity?: boolean;
  managerName?: string;
  managerEmail?: string;
  purposeChange?: string;
  policy?: Record<string, unknown>;
}

const object = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * The body of `POST /v1/cases`: the JSON file's fields, each overridden by the flag that names it.
 * Nothing is checked here: the API validates and names the fields at fault (exit 2).
 */
export function openCaseBody(file: Record<string, unknown>, flags: OpenCaseFlags): Schemas['OpenCaseDto'] {
  const party = (base: unknown, extra: Record<string, unknown>) => ({ ...object(base), ...defined(extra) });
  const body: Record<string, unknown> = { ...file, ...defined({ kind: flags.kind, jurisdiction: flags.jurisdiction, purposeChange: flags.purposeChange }) };
  body['transferor'] = party(file['transferor'], { name: flags.transferorName, contact: flags.transferorContact });
  body['manager'] = party(file['manager'], { name: flags.managerName, email: flags.managerEmail });
  const recipient = party(file['recipient'], { name: flags.recipientName, contact: flags.recipientContact, email: flags.recipientEmail, country: flags.recipientCountry, sameLegalEntity: flags.recipientSameLegalEntity });
  if (Object.keys(recipient).length > 0) body['recipient'] = recipient;
  if (flags.policy) body['policy'] = { ...object(file['policy']), ...flags.policy };
  return body as unknown as Schemas['OpenCaseDto'];
}
