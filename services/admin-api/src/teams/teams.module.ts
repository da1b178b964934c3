import { Module } from '@nestjs/common';
import { CreateTeamUseCase } from './create-team.use-case';
import { ListTeamsUseCase } from './list-teams.use-case';
import { TeamsController } from './teams.controller';

/** POST/GET /v1/teams. TeamRepository comes from the global Auth module. */
@Module({
  controllers: [TeamsController],
  providers: [CreateTeamUseCase, ListTeamsUseCase],
})
export class TeamsModule {}
