import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiParam, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ReasonDto } from '../common/reason.dto';
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
import { CaseCancelledDto, CaseStartedDto, CaseStatusDto, GateDto, GateRejectedDto } from './case-status.dto';
import { RejectGateUseCase } from './reject-gate.use-case';
import { CancelCaseUseCase } from './cancel-case.use-case';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';
import { CrossBorderDto, RecordCrossBorderDto } from './cross-border.dto';
import { RecordCrossBorderUseCase } from './record-cross-border.use-case';

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
    private readonly openCase: OpenCaseUseCase, private readonly startCase: StartCaseUseCase, private readonly getStatus: GetCaseStatusUseCase,
    private readonly approveGate: ApproveGateUseCase, private readonly listCases: ListCasesUseCase, private readonly editCase: EditCaseUseCase,
    private readonly gateDecisions: ListGateDecisionsUseCase, private readonly cancelCase: CancelCaseUseCase,
    private readonly rejectGate: RejectGateUseCase, private readonly recordCrossBorder: RecordCrossBorderUseCase,
  ) {}

  @Get()
  @ApiDoc('List cases: filter by status, kind, phase; search by case-id prefix or company name; keyset pages, newest first', {
    ok: { type: CaseListDto }, badRequest: 'an invalid filter, limit or cursor (the parameter is named)',
  })
  list(@Query() query: ListCasesQueryDto, @CurrentPrincipal() principal: Principal): Promise<CaseListDto> {
    return this.listCases.execute(query, principal);
  }

  @Post()
  @ApiDoc('Open a transfer case (a draft): kind, parties, manager, policy, team', {
    created: { type: CaseCreatedDto, description: "the case belongs to the team given, else the caller's" },
    badRequest: "invalid body (fields named); `team`: unknown, or not the caller's own (only an admin names another)",
  })
  open(@Body() dto: OpenCaseDto, @CurrentPrincipal() principal: Principal): Promise<CaseCreatedDto> {
    return this.openCase.execute(dto, principal);
  }

  @Post(':id/start')
  @HttpCode(202)
  @ApiDoc('Start the case workflow of a draft case', {
    accepted: { type: CaseStartedDto, description: 'the case workflow has started' }, conflict: 'the case was already started', notFound: undefined,
  })
  async start(@Param('id') id: string): Promise<CaseStartedDto> {
    await this.startCase.execute(id);
    return { id, status: 'running' };
  }

  @Patch(':id')
  @ApiDoc('Edit a draft case: parties, manager, purpose change, policy (validated as on open)', {
    ok: { type: CaseCreatedDto }, badRequest: 'invalid body (the field at fault is named)', notFound: 'unknown case',
    conflict: 'CASE_NOT_DRAFT: the case has started',
  })
  edit(@Param('id') id: string, @Body() dto: EditCaseDto, @CurrentPrincipal() principal: Principal): Promise<CaseCreatedDto> {
    return this.editCase.execute(id, dto, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiDoc("Cancel a case until its handover gate is approved: running work stops, the case's customer records, quarantined rows and uploads are erased with certificates and its key is shredded", {
    ok: { type: CaseCancelledDto, description: 'the case is cancelled (status `cancelled`); the erasure completes in the background' },
    badRequest: '`reason` missing or too long',
    notFound: 'unknown case',
    conflict: 'CASE_CLOSED, CASE_CANCELLED, CASE_HANDED_OVER (the handover gate is approved), CASE_STARTED (started meanwhile: ask again)',
  })
  cancel(@Param('id') id: string, @Body() dto: ReasonDto, @CurrentPrincipal() principal: Principal): Promise<CaseCancelledDto> {
    return this.cancelCase.execute(id, dto.reason, principal);
  }

  @Put(':id/cross-border')
  @ApiDoc("Record the transfer mechanism of a foreign recipient (PIPL Art. 38; GDPR Art. 46), replacing an earlier one; the handover gate's approval needs the one the case's requirements name", {
    ok: { type: CrossBorderDto, description: 'recorded; shown by GET /v1/cases/{id} as `crossBorder`' },
    badRequest: '`mechanism` not a mechanism, `reference` missing, blank or too long',
    notFound: 'unknown case',
    conflict: 'CASE_HANDED_OVER (the handover gate is approved: the record stays), CASE_CLOSED, CASE_CANCELLED',
  })
  crossBorder(@Param('id') id: string, @Body() dto: RecordCrossBorderDto, @CurrentPrincipal() principal: Principal): Promise<CrossBorderDto> {
    return this.recordCrossBorder.execute(id, dto, principal);
  }

  @Get(':id/gates')
  @ApiDoc("The decisions taken on the case's gates (who, when, the note), oldest first", { ok: { type: GateDecisionsDto }, notFound: 'unknown case' })
  gates(@Param('id') id: string): Promise<GateDecisionsDto> {
    return this.gateDecisions.execute(id);
  }

  @Get(':id')
  @ApiDoc('Case status: phase, gates, counters, route counts', { ok: { type: CaseStatusDto }, notFound: undefined })
  status(@Param('id') id: string): Promise<CaseStatusDto> {
    return this.getStatus.execute(id);
  }

  @Post(':id/gates/:gate/approve')
  @HttpCode(200)
  @ApiDoc('Approve the gate the case waits at; the note is kept with the decision (GET /v1/cases/{id}/gates)', {
    ok: { type: GateDto }, badRequest: 'an unknown gate or an invalid note', notFound: 'the case is unknown or not started',
    conflict: 'the gate is not pending (IMPORT_RUNNING, INVENTORY_EMPTY, …); handover: CROSS_BORDER_MECHANISM_MISSING (a foreign recipient needs the mechanism the requirements name recorded first: PUT /v1/cases/{id}/cross-border)',
  })
  @ApiParam({ name: 'gate', enum: GATES })
  approve(
    @Param('id') id: string, @Param('gate', new ParseEnumPipe(gateEnum)) gate: GateName, @Body() dto: ApproveGateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GateDto> {
    return this.approveGate.execute(id, gate, principal, dto.note);
  }

  @Post(':id/gates/:gate/reject')
  @HttpCode(200)
  @ApiDoc('Reject the pending inventory or notices gate with a reason: inventory — the loaded inventory is discarded and a corrected upload awaited; notices — the case goes back to its inventory gate, routes unsealed', {
    ok: { type: GateRejectedDto, description: 'the rejection was acted on; the decision and its reason are listed by GET /v1/cases/{id}/gates' },
    badRequest: 'an unknown gate, `reason` missing or too long',
    notFound: 'the case is unknown or not started',
    conflict: 'GATE_NOT_REJECTABLE (handover, closure), GATE_NOT_PENDING, IMPORT_RUNNING, CASE_CANCELLED',
  })
  @ApiParam({ name: 'gate', enum: GATES })
  reject(
    @Param('id') id: string, @Param('gate', new ParseEnumPipe(gateEnum)) gate: GateName, @Body() dto: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GateRejectedDto> {
    return this.rejectGate.execute(id, gate, dto.reason, principal);
  }
}
