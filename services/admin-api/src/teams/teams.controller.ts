import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiDoc } from '../common/api-doc.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/roles';
import { CreateTeamUseCase } from './create-team.use-case';
import { ListTeamsUseCase } from './list-teams.use-case';
import { CreateTeamDto, TeamCreatedDto, TeamDto } from './team.dto';

/** Teams: the unit of access to cases (docs/architecture.md, "Access"). Roles: access-matrix.ts. */
@ApiTags('teams')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or invalid bearer token' })
@Controller('v1/teams')
export class TeamsController {
  constructor(private readonly createTeam: CreateTeamUseCase, private readonly listTeams: ListTeamsUseCase) {}

  @Post()
  @ApiDoc('Create a team (admin only); its keys reach its cases only', {
    created: { type: TeamCreatedDto }, forbidden: 'only an admin creates teams', conflict: 'TEAM_EXISTS: the name is taken',
  })
  create(@Body() dto: CreateTeamDto, @CurrentPrincipal() principal: Principal): Promise<TeamCreatedDto> {
    return this.createTeam.execute(dto, principal);
  }

  @Get()
  @ApiDoc("Teams: every team for an admin, the caller's own team for other roles", { ok: { type: [TeamDto] } })
  list(@CurrentPrincipal() principal: Principal): Promise<TeamDto[]> {
    return this.listTeams.execute(principal);
  }
}
