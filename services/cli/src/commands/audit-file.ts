import { createPublicKey, type KeyObject } from 'node:crypto';
import { ExportFormatError, verifyAuditExport, type AuditCheckpoint, type TrailVerification } from '@handover/audit-proof';

export class PublicKeyFormatError extends Error {}

/**
 * The checkpoint public key from what `--public-key` names: a PEM given inline, or a file holding
 * a PEM or the JSON answer of GET /v1/audit/public-key (`{"publicKey": "-----BEGIN ..."}`).
 */
export function parsePublicKey(valueOrPath: string, readText: (path: string) => string): KeyObject {
  const text = valueOrPath.trimStart().startsWith('-----BEGIN') ? valueOrPath : readText(valueOrPath);
  let pem = text;
  if (text.trimStart().startsWith('{')) {
    try {
      pem = String((JSON.parse(text) as { publicKey?: unknown }).publicKey ?? '');
    } catch {
      throw new PublicKeyFormatError('invalid JSON');
    }
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new PublicKeyFormatError('no PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new PublicKeyFormatError(`a ${key.asymmetricKeyType ?? 'unknown'} key`);
  return key;
}

/** A checkpoint file kept outside the database (`{scope, seq, head, ...}` or `{"checkpoint": {...}}`). */
export function parseCheckpointFile(text: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFormatError('the checkpoint file is not JSON');
  }
  const record = (value && typeof value === 'object' && 'checkpoint' in value ? (value as { checkpoint: unknown }).checkpoint : value) as AuditCheckpoint;
  if (!record || typeof record !== 'object' || typeof record.scope !== 'string') throw new ExportFormatError('the checkpoint file holds no checkpoint');
  return record;
}

/** The offline verification of an export (libs/audit-proof), with the scope it names. */
export function verifyExportText(text: string, publicKey: KeyObject, extra: readonly AuditCheckpoint[] = []): TrailVerification & { scope: string } {
  const firstLine = text.split('\n').find((line) => line.trim() !== '');
  const result = verifyAuditExport(text, publicKey, extra);
  let scope = extra[0]?.scope ?? '?';
  if (firstLine) {
    try {
      const first = JSON.parse(firstLine) as { caseId?: unknown; checkpoint?: { scope?: unknown } };
      scope = String(first.caseId ?? first.checkpoint?.scope ?? scope);
    } catch {
      // verifyAuditExport has already refused a line that is not JSON
    }
  }
  return { ...result, scope };
}
