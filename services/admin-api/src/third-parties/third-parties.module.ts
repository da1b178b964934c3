import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ThirdPartyRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { AddThirdPartyUseCase } from './add-third-party.use-case';
import { ListThirdPartiesUseCase } from './list-third-parties.use-case';
import { ThirdPartiesController } from './third-parties.controller';

@Module({
  controllers: [ThirdPartiesController],
  providers: [AddThirdPartyUseCase, ListThirdPartiesUseCase],
})
export class ThirdPartiesModule implements OnModuleInit {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** The third-party collections' indexes (autoIndex is off), whichever process starts first. */
  async onModuleInit(): Promise<void> {
    await new ThirdPartyRepository(this.connection).ensureIndexes();
  }
}
