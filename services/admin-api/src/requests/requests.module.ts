import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { RequestRepository, TransferExclusionRepository } from '@handover/persistence';
import { MONGO_CONNECTION } from '../common/tokens';
import { ExtendRequestUseCase } from './extend-request.use-case';
import { FileRequestUseCase } from './file-request.use-case';
import { ListRequestsUseCase } from './list-requests.use-case';
import { RequestsController } from './requests.controller';
import { ResolveRequestUseCase } from './resolve-request.use-case';

@Module({
  controllers: [RequestsController],
  providers: [FileRequestUseCase, ListRequestsUseCase, ResolveRequestUseCase, ExtendRequestUseCase],
})
export class RequestsModule implements OnModuleInit {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** The requests' and exclusions' indexes (autoIndex is off), whichever process starts first. */
  async onModuleInit(): Promise<void> {
    await new RequestRepository(this.connection).ensureIndexes();
    await new TransferExclusionRepository(this.connection).ensureIndexes();
  }
}
