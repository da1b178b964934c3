import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuditCheckpoint } from '@handover/audit-proof';
import { AuditKey, AuditSigner } from '@handover/crypto';

/** Where the latest checkpoint of each chain is kept outside the database. */
export interface LatestCheckpointStore {
  write(checkpoint: AuditCheckpoint): Promise<void>;
  read(scope: string): Promise<AuditCheckpoint | undefined>;
}

/**
 * What makes a trail tamper-evident: the HMAC key of keyed (v2) events, the Ed25519 checkpoint
 * signer, when the append path seals (after `everyEvents` events or `everyMs` since the last
 * checkpoint of the chain) and where the latest checkpoint is also kept.
 */
export interface AuditSealing {
  key: AuditKey;
  signer: AuditSigner;
  everyEvents: number;
  everyMs: number;
  latest?: LatestCheckpointStore;
  /** A checkpoint the append path could not write (the event itself is stored). */
  onCheckpointFailed?: (error: unknown) => void;
}

/** `<dataDir>/audit/checkpoints/<scope>.json`, replaced atomically (write, then rename). */
export function fileCheckpointStore(dataDir: string): LatestCheckpointStore {
  const dir = join(resolve(dataDir), 'audit', 'checkpoints');
  const pathOf = (scope: string): string => join(dir, `${encodeURIComponent(scope)}.json`);
  return {
    async write(checkpoint) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = pathOf(checkpoint.scope);
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
      await rename(tmp, path);
    },
    async read(scope) {
      try {
        return JSON.parse(await readFile(pathOf(scope), 'utf8')) as AuditCheckpoint;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/**
 * The sealing of a service from its audit secrets (libs/config loadAuditSecrets) and its config's cadence; the
 * latest checkpoint of each chain is kept under `<dataDir>/audit/checkpoints/`.
 */
export function auditSealingFrom(
  secrets: { auditKey: string; auditKeyId: string | undefined; auditSigningKey: string },
  config: { HANDOVER_DATA_DIR: string; HANDOVER_AUDIT_CHECKPOINT_EVENTS: number; HANDOVER_AUDIT_CHECKPOINT_MINUTES: number },
  logger?: { warn(fields: Record<string, unknown>, message: string): void },
): AuditSealing {
  return {
    key: AuditKey.fromBase64(secrets.auditKey, secrets.auditKeyId),
    signer: AuditSigner.fromPem(secrets.auditSigningKey),
    everyEvents: config.HANDOVER_AUDIT_CHECKPOINT_EVENTS,
    everyMs: config.HANDOVER_AUDIT_CHECKPOINT_MINUTES * 60_000,
    latest: fileCheckpointStore(config.HANDOVER_DATA_DIR),
    // A checkpoint that fails leaves the event stored; the next append tries again.
    ...(logger && { onCheckpointFailed: (error: unknown) => logger.warn({ err: (error as Error).name }, 'audit checkpoint not written') }),
  };
}
