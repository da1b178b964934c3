import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { INCIDENT_TASK_IDS } from '@handover/domain';
import { CaseBound, NOT_FOUND_OR_OTHER_TEAM } from '../auth/case-scope';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { CompleteIncidentTaskUseCase } from './complete-incident-task.use-case';
import { GetIncidentUseCase } from './get-incident.use-case';
import { IncidentReportDto, IncidentStatusDto, IncidentTaskDto } from './incident-view.dto';
import { CompleteTaskDto, IncidentCreatedDto, OpenIncidentDto } from './open-incident.dto';
import { OpenIncidentUseCase } from './open-incident.use-case';
import { IncidentPageDto, ListIncidentsQueryDto } from './incident-list.dto';
import { ListIncidentsUseCase } from './list-incidents.use-case';

/** An incident's team: its case's, else its opener's. */
const INCIDENT = { kind: 'incident', in: 'path', name: 'id' } as const;

/** Incident response (docs/legal.md §7). Roles: admin and incident-responder; auditors read (access-matrix.ts). */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('v1/incidents')
export class IncidentsController {
  constructor(
    private readonly openIncident: OpenIncidentUseCase, private readonly getIncident: GetIncidentUseCase,
    private readonly completeTask: CompleteIncidentTaskUseCase, private readonly listIncidents: ListIncidentsUseCase,
  ) {}

  @Get()
  @ApiDoc('List incidents and drills, newest first; filter by drill, case and status; keyset pages', {
    ok: { type: IncidentPageDto }, badRequest: 'an invalid filter, limit or cursor (the parameter is named)',
    notFound: `caseId given: ${NOT_FOUND_OR_OTHER_TEAM}`,
  })
  @CaseBound({ kind: 'case', in: 'query', name: 'caseId', optional: true })
  list(@Query() query: ListIncidentsQueryDto, @CurrentPrincipal() principal: Principal): Promise<IncidentPageDto> {
    return this.listIncidents.execute(query, principal);
  }

  @Post()
  @ApiDoc('Open an incident (or a drill): assesses the inventory, grades, starts the playbook and its clocks', {
    created: { type: IncidentCreatedDto }, badRequest: 'invalid body, or clockOverrides outside a drill/test mode',
    notFound: 'unknown caseId, or a case of another team (the same answer)',
  })
  @CaseBound({ kind: 'case', in: 'body', name: 'caseId', optional: true })
  open(@Body() dto: OpenIncidentDto, @CurrentPrincipal() principal: Principal): Promise<IncidentCreatedDto> {
    return this.openIncident.execute(dto, principal);
  }

  @Get(':id')
  @ApiDoc('Incident status: affected, tier, deadlines met/missed, tasks, notices sent', { ok: { type: IncidentStatusDto }, notFound: NOT_FOUND_OR_OTHER_TEAM })
  @CaseBound(INCIDENT)
  status(@Param('id') id: string): Promise<IncidentStatusDto> {
    return this.getIncident.status(id);
  }

  @Get(':id/report')
  @ApiDoc('Drafts: the authority report (CAC measures + PIPL Art. 57) and the individual notice (zh-CN, en)', {
    ok: { type: IncidentReportDto }, notFound: NOT_FOUND_OR_OTHER_TEAM, conflict: 'still being assessed',
  })
  @CaseBound(INCIDENT)
  report(@Param('id') id: string): Promise<IncidentReportDto> {
    return this.getIncident.report(id);
  }

  @Post(':id/tasks/:taskId/complete')
  @HttpCode(200)
  @ApiDoc('Complete a task; on time = deadline met. Completing notify-individuals approves and sends the individual notice', {
    ok: { type: IncidentTaskDto }, notFound: "unknown incident or task, or an incident of another team (an incident without a case is its opener's team's)",
    conflict: 'the task is already done, or waits for the end of handling',
  })
  @ApiParam({ name: 'taskId', enum: INCIDENT_TASK_IDS })
  @CaseBound(INCIDENT)
  complete(
    @Param('id') id: string, @Param('taskId') taskId: string, @Body() dto: CompleteTaskDto, @CurrentPrincipal() principal: Principal,
  ): Promise<IncidentTaskDto> {
    return this.completeTask.execute(id, taskId, dto.note, principal);
  }
}
