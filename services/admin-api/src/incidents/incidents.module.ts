import { Module } from '@nestjs/common';
import { CompleteIncidentTaskUseCase } from './complete-incident-task.use-case';
import { GetIncidentUseCase } from './get-incident.use-case';
import { IncidentsController } from './incidents.controller';
import { OpenIncidentUseCase } from './open-incident.use-case';
import { ListIncidentsUseCase } from './list-incidents.use-case';

@Module({
  controllers: [IncidentsController],
  providers: [OpenIncidentUseCase, GetIncidentUseCase, CompleteIncidentTaskUseCase, ListIncidentsUseCase],
})
export class IncidentsModule {}
