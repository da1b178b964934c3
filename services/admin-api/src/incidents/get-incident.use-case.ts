import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { Client } from '@temporalio/client';
import { incidentStateQuery, incidentWorkflowId, type IncidentView } from '@handover/contracts';
import type { Logger } from '@handover/logging';
import { IncidentRepository, type IncidentRecord } from '@handover/persistence';
import { LOGGER, TEMPORAL_CLIENT } from '../common/tokens';
import type { IncidentReportDto, IncidentStatusDto } from './incident-view.dto';

/**
 * Incident status from the live workflow (query), or from the snapshot the workflow stores after
 * every change when it cannot answer (worker down) or has finished. Drafts from MongoDB.
 */
@Injectable()
export class GetIncidentUseCase {
  constructor(
    private readonly incidents: IncidentRepository, @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async require(id: string): Promise<IncidentRecord> {
    const record = await this.incidents.findById(id);
    if (!record) throw AppError.notFound('incident', id);
    return record;
  }

  async status(id: string): Promise<IncidentStatusDto> {
    const record = await this.require(id);
    const live = record.status === 'closed' ? null : await this.query(id);
    const view = live ?? record.view ?? null;
    return {
      id,
      status: view?.status ?? record.status,
      drill: record.drill,
      affected: view?.affected ?? 0,
      tier: view?.tier ?? null,
      reportable: view?.reportable ?? null,
      jurisdiction: view?.jurisdiction ?? null,
      operatorType: view?.operatorType ?? null,
      noticesSent: view?.noticesSent ?? 0,
      notices: view?.notices ?? null,
      deadlines: view?.deadlines ?? [],
      tasks: view?.tasks ?? [],
      playbook: view?.playbook ?? null,
      handlingEndedAt: view?.handlingEndedAt ?? null,
      closedAt: view?.closedAt ?? null,
      source: live ? 'workflow' : 'database',
    };
  }

  async report(id: string): Promise<IncidentReportDto> {
    const record = await this.require(id);
    if (!record.drafts) throw AppError.conflict('INCIDENT_ASSESSING', `incident ${id} is still being assessed`);
    return {
      id,
      drill: record.drill,
      generatedAt: record.drafts.generatedAt,
      authorityReport: record.drafts.report as unknown as Record<string, unknown>,
      individualNotice: record.drafts.notice as unknown as Record<string, unknown>,
      notes: record.notes.map((n) => ({ taskId: n.taskId, at: new Date(n.at).toISOString(), by: n.by })),
    };
  }

  private async query(id: string): Promise<IncidentView | null> {
    try {
      return await this.temporal.workflow.getHandle(incidentWorkflowId(id)).query(incidentStateQuery);
    } catch (error) {
      this.logger.warn({ incidentId: id, err: (error as Error).name }, 'incident query failed; answering from the database');
      return null;
    }
  }
}
