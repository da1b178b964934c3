import type { ComplianceReportResult, InterimReportInput } from './deletion';
import type { DataSubjectRequestInput, DataSubjectRequestState } from './requests';
import type { ImportCounters, ImportInventoryInput } from './inventory';
import type { IncidentView, IncidentWorkflowInput } from './incidents';
import type { ThirdPartyDeletionInput, ThirdPartyDeletionResult } from './third-parties';
import type { CaseProgress, TransferCaseInput } from './transfer-case';

/**
 * The workflows' signatures, for typed starts from the services without importing workflow code:
 * `client.workflow.start<TransferCaseWorkflow>(WORKFLOW_TYPES.transferCase, { args: [input], … })`
 * checks `args` against the workflow's input. workflows/src/workflow-types.spec.ts checks each
 * signature against the exported workflow function.
 */
export type TransferCaseWorkflow = (input: TransferCaseInput) => Promise<CaseProgress>;
export type InventoryImportWorkflow = (input: ImportInventoryInput) => Promise<ImportCounters>;
export type IncidentWorkflow = (input: IncidentWorkflowInput) => Promise<IncidentView>;
export type DataSubjectRequestWorkflow = (input: DataSubjectRequestInput) => Promise<DataSubjectRequestState>;
export type ThirdPartyDeletionWorkflow = (input: ThirdPartyDeletionInput) => Promise<ThirdPartyDeletionResult>;
export type InterimReportWorkflow = (input: InterimReportInput) => Promise<ComplianceReportResult>;

/** The registered workflow type names (the exported function names in workflows/src). */
export const WORKFLOW_TYPES = {
  transferCase: 'transferCaseWorkflow',
  inventoryImport: 'inventoryImportWorkflow',
  incident: 'incidentWorkflow',
  dataSubjectRequest: 'dataSubjectRequestWorkflow',
  thirdPartyDeletion: 'thirdPartyDeletionWorkflow',
  interimReport: 'interimReportWorkflow',
} as const;
