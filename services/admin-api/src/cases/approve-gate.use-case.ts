import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { approveGateUpdate, caseWorkflowId, type GateName, type GateView } from '@handover/contracts';
import { AppError } from '../common/app-error';
import { TEMPORAL_CLIENT } from '../common/tokens';
import type { Principal } from '../auth/roles';

/** Approves a pending gate through the workflow's update; 409 when the gate is not pending. */
@Injectable()
export class ApproveGateUseCase {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async execute(caseId: string, gate: GateName, principal: Principal): Promise<GateView> {
    try {
      return await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(approveGateUpdate, { args: [{ gate, approvedBy: principal.id, approvedAt: new Date().toISOString() }] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new AppError(error.cause.type ?? 'GATE_REJECTED', error.cause.message, HttpStatus.CONFLICT);
      }
      throw error;
    }
  }
}
