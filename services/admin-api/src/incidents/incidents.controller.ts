import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags,
} from '@nestjs/swagger';
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

/** Incident response (LEGAL.md §7). Roles: admin and incident-responder; auditors read (access-matrix.ts). */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('v1/incidents')
export class IncidentsController {
  constructor(
    private readonly openIncident: OpenIncidentUseCase,
    private readonly getIncident: GetIncidentUseCase,
    private readonly completeTask: CompleteIncidentTaskUseCase,
    private readonly listIncidents: ListIncidentsUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List incidents and drills, newest first; filter by drill, case and status; keyset pages' })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiBadRequestResponse({ description: 'an invalid filter, limit or cursor (the parameter is named)' })
  @ApiNotFoundResponse({ description: `caseId given: ${NOT_FOUND_OR_OTHER_TEAM}` })
  @CaseBound({ kind: 'case', in: 'query', name: 'caseId', optional: true })
  list(@Query() query: ListIncidentsQueryDto, @CurrentPrincipal() principal: Principal): Promise<IncidentPageDto> {
    return this.listIncidents.execute(query, principal);
  }

  @Post()
  @ApiOperation({ summary: 'Open an incident (or a drill): assesses the inventory, grades, starts the playbook and its clocks' })
  @ApiCreatedResponse({ type: IncidentCreatedDto })
  @ApiBadRequestResponse({ description: 'invalid body, or clockOverrides outside a drill/test mode' })
  @ApiNotFoundResponse({ description: 'unknown caseId, or a case of another team (the same answer)' })
  @CaseBound({ kind: 'case', in: 'body', name: 'caseId', optional: true })
  open(@Body() dto: OpenIncidentDto, @CurrentPrincipal() principal: Principal): Promise<IncidentCreatedDto> {
    return this.openIncident.execute(dto, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Incident status: affected, tier, deadlines met/missed, tasks, notices sent' })
  @ApiOkResponse({ type: IncidentStatusDto })
  @ApiNotFoundResponse({ description: NOT_FOUND_OR_OTHER_TEAM })
  @CaseBound(INCIDENT)
  status(@Param('id') id: string): Promise<IncidentStatusDto> {
    return this.getIncident.status(id);
  }

  @Get(':id/report')
  @ApiOperation({ summary: 'Drafts: the authority report (CAC measures + PIPL Art. 57) and the individual notice (zh-CN, en)' })
  @ApiOkResponse({ type: IncidentReportDto })
  @ApiNotFoundResponse({ description: NOT_FOUND_OR_OTHER_TEAM })
  @CaseBound(INCIDENT)
  @ApiConflictResponse({ description: 'still being assessed' })
  report(@Param('id') id: string): Promise<IncidentReportDto> {
    return this.getIncident.report(id);
  }

  @Post(':id/tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task; on time = deadline met. Completing notify-individuals approves and sends the individual notice' })
  @ApiParam({ name: 'taskId', enum: INCIDENT_TASK_IDS })
  @ApiOkResponse({ type: IncidentTaskDto })
  @ApiNotFoundResponse({ description: "unknown incident or task, or an incident of another team (an incident without a case is its opener's team's)" })
  @CaseBound(INCIDENT)
  @ApiConflictResponse({ description: 'the task is already done, or waits for the end of handling' })
  complete(
    @Param('id') id: string,
    @Param('taskId') taskId: string,
    @Body() dto: CompleteTaskDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IncidentTaskDto> {
    return this.completeTask.execute(id, taskId, dto.note, principal);
  }
}
