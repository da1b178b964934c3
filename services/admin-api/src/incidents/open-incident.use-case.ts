import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppError } from '@handover/http';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { AdminApiConfig } from '@handover/config';
import { incidentAuditScope, incidentWorkflowId, type IncidentWorkflowInput, type IncidentWorkflow, WORKFLOW_TYPES } from '@handover/contracts';
import { CaseRepository, DEFAULT_TEAM_ID, IncidentRepository, type IncidentEntity } from '@handover/persistence';
import { ADMIN_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { effectiveClocks, parseOrganisationClocks } from './incident-clock-policy';
import type { OpenIncidentDto } from './open-incident.dto';

export const newIncidentId = (): string => `inc_${randomBytes(12).toString('base64url')}`;

/** A detection time this far in the future is a typo, not a clock skew. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records the incident and starts its playbook (`incidentWorkflow`, id `incident:<id>`). The
 * opener's team is stored: an incident without a case belongs to it (with a case, the case's team).
 */
@Injectable()
export class OpenIncidentUseCase {
  private readonly organisationClocks: Record<string, string>;

  constructor(
    private readonly incidents: IncidentRepository,
    private readonly cases: CaseRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ADMIN_CONFIG) private readonly config: AdminApiConfig,
    private readonly audit: AuditService,
  ) {
    this.organisationClocks = parseOrganisationClocks(config.INCIDENT_CLOCK_OVERRIDES);
  }

  async execute(dto: OpenIncidentDto, principal: Principal): Promise<{ id: string }> {
    const detectedAt = new Date(dto.detectedAt);
    if (detectedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw new AppError('VALIDATION_FAILED', 'detectedAt lies in the future', HttpStatus.BAD_REQUEST);
    }
    if (dto.caseId !== undefined && dto.affectedEstimate !== undefined) {
      throw new AppError('VALIDATION_FAILED', 'affectedEstimate is for incidents without a case (the inventory counts the affected)', HttpStatus.BAD_REQUEST);
    }
    if (dto.caseId !== undefined && !(await this.cases.findState(dto.caseId))) throw AppError.notFound('case', dto.caseId);
    const drill = dto.drill ?? false;
    const clockOverrides = effectiveClocks(this.organisationClocks, dto.clockOverrides, { drill, nodeEnv: this.config.NODE_ENV });

    const id = newIncidentId();
    const entity: IncidentEntity = {
      id,
      title: dto.title,
      ...(dto.caseId !== undefined && { caseId: dto.caseId }),
      detectedAt,
      categories: [...new Set(dto.categories)],
      ...(dto.severity && { severity: dto.severity }),
      drill,
      ...(dto.operatorType && { operatorType: dto.operatorType }),
      ...(dto.jurisdiction && { jurisdiction: dto.jurisdiction }),
      clockOverrides,
      ...(dto.cause && { cause: dto.cause }),
      ...(dto.measures && { measures: dto.measures }),
      ...(dto.contact && { contact: dto.contact }),
      ...(dto.harmAvoided && dto.harmAvoidedJustification && { harmAvoided: { justification: dto.harmAvoidedJustification } }),
      ...(dto.affectedEstimate !== undefined && { affectedEstimate: dto.affectedEstimate }),
      createdAt: new Date(),
      createdBy: principal.id,
      team: principal.team ?? DEFAULT_TEAM_ID,
    };
    await this.incidents.create(entity);
    await this.audit.record({
      caseId: incidentAuditScope(id),
      action: 'incident.opened',
      subject: { type: 'incident', id },
      data: {
        drill, caseId: dto.caseId ?? null, categories: entity.categories.join(','), detectedAt: detectedAt.toISOString(),
        jurisdiction: dto.jurisdiction ?? null, operatorType: dto.operatorType ?? null, clocksOverridden: Object.keys(clockOverrides).join(',') || null,
      },
      actor: principal,
    });
    const input: IncidentWorkflowInput = { incidentId: id };
    await this.temporal.workflow.start<IncidentWorkflow>(WORKFLOW_TYPES.incident, {
      workflowId: incidentWorkflowId(id),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { id };
  }
}
