import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { IncidentRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { CompleteIncidentTaskUseCase } from './complete-incident-task.use-case';
import { GetIncidentUseCase } from './get-incident.use-case';
import { IncidentsController } from './incidents.controller';
import { OpenIncidentUseCase } from './open-incident.use-case';
import { ListIncidentsUseCase } from './list-incidents.use-case';

@Module({
  controllers: [IncidentsController],
  providers: [OpenIncidentUseCase, GetIncidentUseCase, CompleteIncidentTaskUseCase, ListIncidentsUseCase],
})
export class IncidentsModule implements OnModuleInit {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** The incidents collection's index (autoIndex is off), whichever process starts first. */
  async onModuleInit(): Promise<void> {
    await new IncidentRepository(this.connection).ensureIndexes();
  }
}
