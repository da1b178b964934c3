import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiTags, ApiAcceptedResponse, ApiParam, ApiConflictResponse, ApiNotFoundResponse, ApiOperation,
  ApiBadRequestResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { GATES, type GateName } from '@handover/contracts';
import type { Principal } from '../auth/roles';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { CaseCreatedDto, OpenCaseDto } from './open-case.dto';
import { CaseStartedDto, CaseStatusDto, GateDto } from './case-status.dto';
import { OpenCaseUseCase } from './open-case.use-case';
import { StartCaseUseCase } from './start-case.use-case';
import { GetCaseStatusUseCase } from './get-case-status.use-case';
import { ApproveGateUseCase } from './approve-gate.use-case';

export class ApproveGateDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
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
  ) {}

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

  @Get(':id')
  @ApiOperation({ summary: 'Case status: phase, gates, counters, route counts' })
  @ApiOkResponse({ type: CaseStatusDto })
  @ApiNotFoundResponse()
  status(@Param('id') id: string): Promise<CaseStatusDto> {
    return this.getStatus.execute(id);
  }

  @Post(':id/gates/:gate/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending gate (inventory, notices, handover, closure)' })
  @ApiParam({ name: 'gate', enum: GATES })
  @ApiOkResponse({ type: GateDto })
  @ApiConflictResponse({ description: 'the gate is not pending' })
  @ApiNotFoundResponse()
  approve(
    @Param('id') id: string,
    @Param('gate', new ParseEnumPipe(gateEnum)) gate: GateName,
    @Body() _dto: ApproveGateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GateDto> {
    return this.approveGate.execute(id, gate, principal);
  }
}
