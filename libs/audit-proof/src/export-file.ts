import type { KeyObject } from 'node:crypto';
import type { AuditCheckpoint } from './checkpoint';
import { signingKeyId } from './key-id';
import { toTrailEvent } from './trail-event';
import { TrailVerifier, type TrailVerification } from './trail-verifier';

/** A line of the NDJSON export: an event, or `{"checkpoint": {...}}` (after the events). */
export interface ParsedExport {
  scope: string | undefined;
  events: Record<string, unknown>[];
  checkpoints: AuditCheckpoint[];
}

export class ExportFormatError extends Error {
  readonly code = 'AUDIT_EXPORT_INVALID';
}

export function parseAuditExport(text: string): ParsedExport {
  const events: Record<string, unknown>[] = [];
  const checkpoints: AuditCheckpoint[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ExportFormatError(`line ${index + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExportFormatError(`line ${index + 1} is not an object`);
    const record = value as Record<string, unknown>;
    if ('checkpoint' in record) checkpoints.push(record['checkpoint'] as AuditCheckpoint);
    else events.push(record);
  });
  const scope = (events[0]?.['caseId'] as string | undefined) ?? checkpoints[0]?.scope;
  return { scope, events, checkpoints };
}

/**
 * The offline check: the export's plain links and seqs, every checkpoint's Ed25519 signature, the
 * head at each checkpoint, and that none reaches beyond the last event. `extra` adds checkpoints
 * kept elsewhere (the latest one written outside the database).
 */
export function verifyAuditExport(text: string, publicKey: KeyObject | string, extra: readonly AuditCheckpoint[] = []): TrailVerification {
  const parsed = parseAuditExport(text);
  const verifier = new TrailVerifier({
    scope: parsed.scope ?? extra[0]?.scope ?? '',
    checkpoints: [...parsed.checkpoints, ...extra],
    publicKey,
    keyId: signingKeyId(publicKey),
  });
  for (const event of parsed.events) verifier.push(toTrailEvent(event));
  return verifier.result();
}
