import { Module } from '@nestjs/common';
import { AddThirdPartyUseCase } from './add-third-party.use-case';
import { ListThirdPartiesUseCase } from './list-third-parties.use-case';
import { ThirdPartiesController } from './third-parties.controller';

@Module({
  controllers: [ThirdPartiesController],
  providers: [AddThirdPartyUseCase, ListThirdPartiesUseCase],
})
export class ThirdPartiesModule {}
