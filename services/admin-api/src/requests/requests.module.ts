import { Module } from '@nestjs/common';
import { BulkRequestsUseCase } from './bulk-requests.use-case';
import { ExtendRequestUseCase } from './extend-request.use-case';
import { FileRequestUseCase } from './file-request.use-case';
import { ListRequestsUseCase } from './list-requests.use-case';
import { RequestsController } from './requests.controller';
import { ResolveRequestUseCase } from './resolve-request.use-case';

@Module({
  controllers: [RequestsController],
  providers: [FileRequestUseCase, ListRequestsUseCase, ResolveRequestUseCase, ExtendRequestUseCase, BulkRequestsUseCase],
})
export class RequestsModule {}
