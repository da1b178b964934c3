// The worker bundles this file: it must export every workflow function and nothing else.
export { transferCaseWorkflow } from './transfer-case.workflow';
export { inventoryImportWorkflow } from './inventory-import.workflow';
export { incidentWorkflow } from './incident.workflow';
export { dataSubjectRequestWorkflow } from './data-subject-request.workflow';
export { thirdPartyDeletionWorkflow } from './third-party-deletion.workflow';
export { discardCaseWorkflow } from './discard-case.workflow';
export { interimReportWorkflow } from './interim-report.workflow';
