import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { approveGateUpdate, caseWorkflowId, type GateName, type GateView } from '@handover/contracts';
import { AppError } from '../common/app-error';
import { MONGO_CONNECTION, TEMPORAL_CLIENT } from '../common/tokens';
import type { Connection } from 'mongoose';
import { CaseStatisticsRepository, CustomerRepository, InventoryImportRepository } from '@handover/persistence';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';

/** Approves a pending gate through the workflow's update; 409 when the gate is not pending. */
@Injectable()
export class ApproveGateUseCase {
  private readonly imports: InventoryImportRepository;
  private readonly customers: CustomerRepository;
  private readonly statistics: CaseStatisticsRepository;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
  ) {
    this.imports = new InventoryImportRepository(connection);
    this.customers = new CustomerRepository(connection);
    this.statistics = new CaseStatisticsRepository(connection);
  }

  async execute(caseId: string, gate: GateName, principal: Principal): Promise<GateView> {
    if (gate === 'inventory') await this.checkInventoryReady(caseId);
    try {
      const view = await this.temporal.workflow
        .getHandle(caseWorkflowId(caseId))
        .executeUpdate(approveGateUpdate, { args: [{ gate, approvedBy: principal.id, approvedAt: new Date().toISOString() }] });
      await this.audit.record({ caseId, action: 'gate.approved', subject: { type: 'gate', id: gate }, data: { gate }, actor: principal });
      if (view.approvedBy && view.approvedAt) {
        await this.statistics.emit(caseId, { kind: 'gate', gate, approval: { approvedBy: view.approvedBy, approvedAt: view.approvedAt } }, `gate:${gate}`);
      }
      return view;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('started case', caseId);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw new AppError(error.cause.type ?? 'GATE_REJECTED', error.cause.message, HttpStatus.CONFLICT);
      }
      throw error;
    }
  }

  /** The inventory gate fixes the routes: not while an import runs, not on an empty inventory. */
  private async checkInventoryReady(caseId: string): Promise<void> {
    if ((await this.imports.countActive(caseId)) > 0) {
      throw AppError.conflict('IMPORT_RUNNING', `an inventory import of case ${caseId} is still running`);
    }
    const customers = await this.customers.count(caseId);
    if (customers === 0) throw AppError.conflict('INVENTORY_EMPTY', `case ${caseId} has no imported customers`);
  }
}
