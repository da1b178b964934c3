import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiTags, ApiAcceptedResponse, ApiParam, ApiConflictResponse, ApiNotFoundResponse, ApiOperation,
  ApiBadRequestResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { GATES, type GateName } from '@handover/contracts';
import type { Principal } from '../auth/roles';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { CaseCreatedDto, EditCaseDto, OpenCaseDto } from './open-case.dto';
import { CaseListDto, ListCasesQueryDto } from './case-list.dto';
import { GateDecisionsDto } from './gate-decisions.dto';
import { ListCasesUseCase } from './list-cases.use-case';
import { EditCaseUseCase } from './edit-case.use-case';
import { ListGateDecisionsUseCase } from './list-gate-decisions.use-case';
import { CaseStartedDto, CaseStatusDto, GateDto } from './case-status.dto';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';

export class ApproveGateDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'kept with the decision; shown by GET /v1/cases/{id}/gates' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const gateEnum = Object.fromEntries(GATES.map((g) => [g, g])) as Record<GateName, GateName>;

@ApiTags('cases')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly openCase: OpenCaseUseCase,
    private readonly startCase: StartCaseUseCase,
    private readonly getStatus: GetCaseStatusUseCase,
    private readonly approveGate: ApproveGateUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly editCase: EditCaseUseCase,
    private readonly gateDecisions: ListGateDecisionsUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cases: filter by status, kind, phase; search by case-id prefix or company name; keyset pages, newest first' })
  @ApiOkResponse({ type: CaseListDto })
  @ApiBadRequestResponse({ description: 'an invalid filter, limit or cursor (the parameter is named)' })
  list(@Query() query: ListCasesQueryDto, @CurrentPrincipal() principal: Principal): Promise<CaseListDto> {
    return this.listCases.execute(query, principal);
  }

  @Post()
  @ApiOperation({ summary: 'Open a transfer case (a draft): kind, parties, manager, policy, team' })
  @ApiCreatedResponse({ type: CaseCreatedDto, description: "the case belongs to the team given, else the caller's" })
  @ApiBadRequestResponse({ description: "invalid body (fields named); `team`: unknown, or not the caller's own (only an admin names another)" })
  open(@Body() dto: OpenCaseDto, @CurrentPrincipal() principal: Principal): Promise<CaseCreatedDto> {
    return this.openCase.execute(dto, principal);
  }

  @Post(':id/start')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the case workflow of a draft case' })
  @ApiAcceptedResponse({ type: CaseStartedDto, description: 'the case workflow has started' })
  @ApiConflictResponse({ description: 'the case was already started' })
  @ApiNotFoundResponse()
  async start(@Param('id') id: string): Promise<CaseStartedDto> {
    await this.startCase.execute(id);
    return { id, status: 'running' };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft case: parties, manager, purpose change, policy (validated as on open)' })
  @ApiOkResponse({ type: CaseCreatedDto })
  @ApiBadRequestResponse({ description: 'invalid body (the field at fault is named)' })
  @ApiNotFoundResponse({ description: 'unknown case' })
  @ApiConflictResponse({ description: 'CASE_NOT_DRAFT: the case has started' })
  edit(@Param('id') id: string, @Body() dto: EditCaseDto, @CurrentPrincipal() principal: Principal): Promise<CaseCreatedDto> {
    return this.editCase.execute(id, dto, principal);
  }

  @Get(':id/gates')
  @ApiOperation({ summary: "The decisions taken on the case's gates (who, when, the note), oldest first" })
  @ApiOkResponse({ type: GateDecisionsDto })
  @ApiNotFoundResponse({ description: 'unknown case' })
  gates(@Param('id') id: string): Promise<GateDecisionsDto> {
    return this.gateDecisions.execute(id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Case status: phase, gates, counters, route counts' })
  @ApiOkResponse({ type: CaseStatusDto })
  @ApiNotFoundResponse()
  status(@Param('id') id: string): Promise<CaseStatusDto> {
    return this.getStatus.execute(id);
  }

  @Post(':id/gates/:gate/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the gate the case waits at; the note is kept with the decision (GET /v1/cases/{id}/gates)' })
  @ApiParam({ name: 'gate', enum: GATES })
  @ApiOkResponse({ type: GateDto })
  @ApiBadRequestResponse({ description: 'an unknown gate or an invalid note' })
  @ApiNotFoundResponse({ description: 'the case is unknown or not started' })
  @ApiConflictResponse({ description: 'the gate is not pending (IMPORT_RUNNING, INVENTORY_EMPTY, …)' })
  approve(
    @Param('id') id: string,
    @Param('gate', new ParseEnumPipe(gateEnum)) gate: GateName,
    @Body() dto: ApproveGateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GateDto> {
    return this.approveGate.execute(id, gate, principal, dto.note);
  }
}
