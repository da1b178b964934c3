import type { WorkflowHandle } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { approveGateUpdate, type GateName, type GateView } from '@handover/contracts';
import { GateDecisionRepository } from '@handover/persistence';

/**
 * Approves a gate the way the admin API does (issue 15): the decision recorded first, then the
 * update carrying its id, which the workflow checks. For tests that drive a workflow directly.
 */
export async function approveGateAsApi(handle: WorkflowHandle, connection: Connection, caseId: string, gate: GateName, approvedBy = 'key_it'): Promise<GateView> {
  const approvalId = await new GateDecisionRepository(connection).record({ caseId, gate, decision: 'approved', decidedBy: approvedBy, decidedAt: new Date() }, null);
  return handle.executeUpdate(approveGateUpdate, { args: [{ gate, approvalId, approvedBy, approvedAt: new Date().toISOString() }] });
}
