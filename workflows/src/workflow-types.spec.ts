import type { DataSubjectRequestWorkflow, IncidentWorkflow, InterimReportWorkflow, InventoryImportWorkflow, ThirdPartyDeletionWorkflow, TransferCaseWorkflow } from '@handover/contracts';
import { WORKFLOW_TYPES } from '@handover/contracts';
import * as workflows from './index';

// Compile-time: each exported workflow is assignable to the signature the services start it with.
const typed: {
  transferCase: TransferCaseWorkflow;
  inventoryImport: InventoryImportWorkflow;
  incident: IncidentWorkflow;
  dataSubjectRequest: DataSubjectRequestWorkflow;
  thirdPartyDeletion: ThirdPartyDeletionWorkflow;
  interimReport: InterimReportWorkflow;
} = {
  transferCase: workflows.transferCaseWorkflow,
  inventoryImport: workflows.inventoryImportWorkflow,
  incident: workflows.incidentWorkflow,
  dataSubjectRequest: workflows.dataSubjectRequestWorkflow,
  thirdPartyDeletion: workflows.thirdPartyDeletionWorkflow,
  interimReport: workflows.interimReportWorkflow,
};

describe('WORKFLOW_TYPES', () => {
  it('names each workflow by the function the worker registers', () => {
    for (const [key, name] of Object.entries(WORKFLOW_TYPES)) {
      expect(typed[key as keyof typeof typed].name).toBe(name);
      expect(Object.keys(workflows)).toContain(name);
    }
  });
});
