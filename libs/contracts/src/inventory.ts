import { defineSignal } from '@temporalio/workflow';
import type { Route } from '@handover/domain';

export type InventoryFormat = 'csv' | 'ndjson' | 'json';

export interface ImportInventoryInput {
  caseId: string;
  importId: string;
}

/** Counters of one import; `unchanged` = rows identical to a customer already in the case. */
export interface ImportCounters {
  processed: number;
  accepted: number;
  rejected: number;
  unchanged: number;
}

/** Heartbeat details of importInventory: resume after the last committed line. */
export interface ImportCheckpoint extends ImportCounters {
  line: number;
}

export interface RouteSummary {
  rulePackId: string;
  rulePackVersion: string;
  customers: number;
  byRoute: Record<Route, number>;
  transferable: number;
  publicAnnouncement: number;
  onHold: number;
  sealed: boolean;
}

/** Activities of the inventory phase; implemented in activities/src/inventory. */
export interface InventoryActivities {
  /** Streams the stored upload into customers / rejections in batches; heartbeats an ImportCheckpoint. */
  importInventory(input: ImportInventoryInput): Promise<ImportCounters>;
  /** Marks an import failed with a reason code (no personal data). */
  failInventoryImport(input: ImportInventoryInput & { reason: string }): Promise<void>;
  /** Decides (or, sealed, fixes) every customer's route with the case's rule pack; batch, heartbeats. */
  decideRoutes(input: { caseId: string; seal: boolean }): Promise<RouteSummary>;
  /** Drafts the personal-information impact assessment (PIPL Art. 55–56) from the inventory. */
  draftPiia(input: { caseId: string; final: boolean }): Promise<{ version: number }>;
  /** The notices gate was rejected (`round`-th time): every route of the case is unsealed and the inventory gate's approval withdrawn. */
  reopenInventory(input: { caseId: string; round: number }): Promise<{ unsealed: number }>;
}

export const importWorkflowId = (caseId: string, importId: string): string => `case:${caseId}:import:${importId}`;

/** Sent by an import workflow to its case workflow when it finishes (ids only). */
export const inventoryImportedSignal = defineSignal<[{ importId: string; counters: ImportCounters }]>('inventoryImported');
