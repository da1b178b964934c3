import { ApplicationFailure, getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import { caseWorkflowId, inventoryImportedSignal, type ImportCounters, type ImportInventoryInput, type InventoryActivities } from '@handover/contracts';

/** The import itself: long, batched, resumable from its heartbeat checkpoint. */
const { importInventory } = proxyActivities<InventoryActivities>({
  startToCloseTimeout: '6 hours',
  // A killed worker is noticed within this; the retry resumes after the last committed batch.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', nonRetryableErrorTypes: ['IMPORT_UNREADABLE', 'IMPORT_NOT_FOUND'] },
});

const { decideRoutes, draftPiia, failInventoryImport } = proxyActivities<InventoryActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/**
 * One inventory upload: import → provisional routes → PIIA draft, then tell the case workflow.
 * Workflow id `case:<caseId>:import:<importId>`; carries ids and counters only.
 */
export async function inventoryImportWorkflow(input: ImportInventoryInput): Promise<ImportCounters> {
  let counters: ImportCounters;
  try {
    counters = await importInventory(input);
  } catch (error) {
    const reason = error instanceof ApplicationFailure && error.type ? error.type : 'IMPORT_FAILED';
    await failInventoryImport({ ...input, reason });
    throw error;
  }
  await decideRoutes({ caseId: input.caseId, seal: false });
  await draftPiia({ caseId: input.caseId, final: false });
  try {
    await getExternalWorkflowHandle(caseWorkflowId(input.caseId)).signal(inventoryImportedSignal, { importId: input.importId, counters });
  } catch {
    // The case has not been started yet (inventory loaded on a draft): nothing to tell.
  }
  return counters;
}
