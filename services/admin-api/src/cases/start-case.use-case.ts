import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { caseWorkflowId } from '@handover/contracts';
import type { AdminApiConfig } from '@handover/config';
import { CaseRepository } from '@handover/persistence';
import { AppError } from '../common/app-error';
import { ADMIN_CONFIG, MONGO_CONNECTION, TEMPORAL_CLIENT } from '../common/tokens';
import { AuditService } from '../audit/audit.service';

/**
 * Starts the case's workflow (id `case:<caseId>`), then marks the case running. The start uses
 * the existing run on conflict, so a retried request after a crash between the two steps is safe.
 */
@Injectable()
export class StartCaseUseCase {
  private readonly cases: CaseRepository;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
    private readonly audit: AuditService,
  ) {
    this.cases = new CaseRepository(connection);
  }

  async execute(caseId: string): Promise<void> {
    const state = await this.cases.findState(caseId);
    if (!state) throw AppError.notFound('case', caseId);
    if (state.status !== 'draft') throw AppError.conflict('CASE_ALREADY_STARTED', `case ${caseId} is ${state.status}`);
    await this.temporal.workflow.start('transferCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    // Only the request that moved the case out of draft records the event (a raced retry does not).
    if (await this.cases.markStarted(caseId, new Date())) {
      await this.audit.record({ caseId, action: 'case.started', subject: { type: 'case', id: caseId } });
    }
  }
}
