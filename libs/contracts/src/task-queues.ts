/** The default task queue; overridable with TEMPORAL_TASK_QUEUE (client and worker must agree). */
export const DEFAULT_TASK_QUEUE = 'handover';

/** Workflow ids are derived from opaque ids only: ids, memos and search attributes are never encrypted. */
export const caseWorkflowId = (caseId: string): string => `case:${caseId}`;
