import type { ImportCheckpoint, ImportCounters, InventoryFormat } from '@handover/contracts';
import type { UploadSealInfo } from '@handover/crypto';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** Where the encrypted upload lies and how to open it (the content key is wrapped by the master key). */
export interface StoredUpload {
  /** Its storage key (`uploads/<importId>.enc`, libs/persistence/src/storage), validated when read back. */
  key: string;
  bytes: number;
  seal: UploadSealInfo;
}

/** Column NAMES of the file's header (never values): what was recognised, what was kept as extra. */
export interface HeaderSummary {
  known: string[];
  unknown: string[];
  hasCustomerId: boolean;
}

/** One inventory upload and its progress. Ids, counters and reason codes only: no personal data. */
export interface InventoryImportEntity {
  id: string;
  caseId: string;
  format: InventoryFormat;
  status: ImportStatus;
  counters: ImportCounters;
  /** Last line whose row is committed (customers and rejections written); 0 = nothing yet. */
  checkpointLine: number;
  upload: StoredUpload;
  encoding?: string;
  header?: HeaderSummary;
  /** Reason code when failed (e.g. IMPORT_UNREADABLE). */
  error?: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface NewInventoryImport {
  id: string;
  caseId: string;
  format: InventoryFormat;
  upload: StoredUpload;
  createdAt: Date;
}

export const ZERO_COUNTERS: Readonly<ImportCounters> = Object.freeze({ processed: 0, accepted: 0, rejected: 0, unchanged: 0 });

export type { ImportCheckpoint, ImportCounters };
