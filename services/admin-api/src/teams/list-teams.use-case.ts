import { Injectable } from '@nestjs/common';
import { TeamRepository } from '@handover/persistence';
import { teamFilterOf, type Principal } from '../auth/roles';
import type { TeamDto } from './team.dto';

/** Every team for an admin; the caller's own team for every other role. */
@Injectable()
export class ListTeamsUseCase {
  constructor(private readonly teams: TeamRepository) {}

  async execute(principal: Principal): Promise<TeamDto[]> {
    const only = teamFilterOf(principal);
    return (await this.teams.list())
      .filter((team) => only === undefined || team.id === only)
      .map((team) => ({ id: team.id, name: team.name, createdAt: team.createdAt.toISOString() }));
  }
}
