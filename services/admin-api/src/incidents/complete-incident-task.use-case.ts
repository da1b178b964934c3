import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { completeIncidentTaskUpdate, errorCodeOf, incidentAuditScope, incidentWorkflowId, type ErrorCode, type IncidentTaskView } from '@handover/contracts';
import { CaseKeyService, IncidentRepository, incidentKeyScope } from '@handover/persistence';
import { CASE_KEYS, TEMPORAL_CLIENT } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';

const STATUS_OF: Partial<Record<ErrorCode, HttpStatus>> = {
  TASK_UNKNOWN: HttpStatus.NOT_FOUND,
  TASK_DONE: HttpStatus.CONFLICT,
  TASK_WAITING: HttpStatus.CONFLICT,
  INCIDENT_NOT_OPEN: HttpStatus.CONFLICT,
  INVALID_TIME: HttpStatus.BAD_REQUEST,
};

/**
 * Completes a task through the workflow's update (409 when it is already done or not open yet).
 * Completing a deadline's task before its due time meets the deadline; completing the
 * notify-individuals task approves and sends the individual notice.
 */
@Injectable()
export class CompleteIncidentTaskUseCase {
  constructor(
    private readonly incidents: IncidentRepository, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService,
  ) {}

  async execute(id: string, taskId: string, note: string | undefined, principal: Principal): Promise<IncidentTaskView> {
    const record = await this.incidents.findById(id);
    if (!record) throw AppError.notFound('incident', id);
    const stored = record.view?.tasks.find((t) => t.id === taskId);
    if (record.view && !stored) throw AppError.notFound('task', taskId);
    if (stored?.state === 'done' || record.status === 'closed') throw AppError.conflict('TASK_DONE', `task ${taskId} is already done`);

    let task: IncidentTaskView;
    try {
      task = await this.temporal.workflow
        .getHandle(incidentWorkflowId(id))
        .executeUpdate(completeIncidentTaskUpdate, { args: [{ taskId, completedBy: principal.id, completedAt: new Date().toISOString() }] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw AppError.notFound('running incident', id);
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        const code = errorCodeOf(error.cause.type, 'TASK_REJECTED');
        throw new AppError(code, error.cause.message, STATUS_OF[code] ?? HttpStatus.CONFLICT);
      }
      throw error;
    }
    if (note) await this.incidents.addNote(id, { taskId, by: principal.id, text: note }, await this.keys.ensure(incidentKeyScope(id)));
    await this.audit.record({
      caseId: incidentAuditScope(id),
      action: 'task.completed',
      subject: task.deadline ? { type: 'deadline', id: task.deadline } : { type: 'task', id: taskId },
      data: { taskId, completedAt: task.completedAt ?? null, dueAt: task.dueAt, overdue: task.overdue, note: note !== undefined },
      actor: principal,
    });
    return task;
  }
}
